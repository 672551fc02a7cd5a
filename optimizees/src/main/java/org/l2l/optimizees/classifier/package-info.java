/**
 * A neural network classifier as an optimizee (L2L's MNIST optimizee): {@link
 * org.l2l.optimizees.classifier.NeuralNetworkClassifierOptimizee} (the weights are the individual, the
 * accuracy on a labelled data set the fitness), the {@link org.l2l.optimizees.classifier.NeuralNetwork}
 * it evaluates, {@link org.l2l.optimizees.classifier.Dataset} (CSV reading) and the built-in data set
 * {@link org.l2l.optimizees.classifier.GlyphDigits}.
 */
package org.l2l.optimizees.classifier;
