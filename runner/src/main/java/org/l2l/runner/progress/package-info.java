/**
 * Live progress of a run: a {@link org.l2l.runner.progress.ProgressListener} receives the run's events
 * (generation started, each evaluation as its result comes back, retries, worker restarts, generation
 * finished, run ended), and {@link org.l2l.runner.progress.ConsoleProgress} shows them on the console, as a
 * line redrawn in place on a terminal or as a plain line every few seconds in a batch log. The command line
 * uses the same listener a driver program adds with
 * {@link org.l2l.runner.Experiment#addProgressListener}.
 */
package org.l2l.runner.progress;
