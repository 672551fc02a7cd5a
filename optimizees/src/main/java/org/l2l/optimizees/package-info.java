/**
 * Ready-made optimizees: L2L's fifteen benchmarked functions ({@link org.l2l.optimizees.BenchmarkFunctions},
 * {@link org.l2l.optimizees.BenchmarkFunctionOptimizee}), L2L's active-wait optimizee, two-objective test problems
 * with known Pareto fronts ({@link org.l2l.optimizees.MultiObjectiveOptimizee}), and two optimizees for measuring
 * the runner itself ({@link org.l2l.optimizees.NoOpOptimizee}, {@link org.l2l.optimizees.BurnCpuOptimizee}). The
 * package {@code org.l2l.optimizees.neuron} holds a biophysical neuron optimizee
 * ({@link org.l2l.optimizees.neuron.NeuronOptimizee}).
 */
package org.l2l.optimizees;
