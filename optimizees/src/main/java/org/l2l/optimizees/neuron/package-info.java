/**
 * A biophysical neuron optimizee in the manner of ISF's exploration from seed points: a single-compartment
 * Hodgkin–Huxley model ({@link org.l2l.optimizees.neuron.NeuronModel}) with five conductances
 * ({@link org.l2l.optimizees.neuron.Conductances}), step-current protocols
 * ({@link org.l2l.optimizees.neuron.StepProtocol}), electrophysiological features
 * ({@link org.l2l.optimizees.neuron.Feature}, {@link org.l2l.optimizees.neuron.Features}), empirical targets
 * ({@link org.l2l.optimizees.neuron.FeatureTarget}), incremental evaluation
 * ({@link org.l2l.optimizees.neuron.NeuronEvaluator}) and the optimizee
 * ({@link org.l2l.optimizees.neuron.NeuronOptimizee}) with its parameter ranges
 * ({@link org.l2l.optimizees.neuron.ParameterRange}) and known good models
 * ({@link org.l2l.optimizees.neuron.SeedPoint}).
 *
 * <p>The shipped resources in this package: {@code protocols.csv}, {@code targets.csv}, {@code ranges.csv}
 * and {@code seeds.csv}.
 */
package org.l2l.optimizees.neuron;
