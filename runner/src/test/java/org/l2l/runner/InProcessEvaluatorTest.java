package org.l2l.runner;

/** {@link AsyncEvaluatorContract} on threads of the test JVM. */
class InProcessEvaluatorTest extends AsyncEvaluatorContract {
    @Override
    AsyncEvaluator create(Flaky optimizee, RunnerOptions options) {
        return new InProcessEvaluator(optimizee, 7, options);
    }
}
