package org.l2l.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * {@link TestSphere} for the multi-optimizers: creates single sets, bounds every set of a multi-individual, and
 * returns one fitness (the sphere's value) per set.
 */
public record MultiTestSphere(TestSphere sphere) implements Optimizee {
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return sphere.createIndividual(random);
    }

    private Parameters template() {
        return sphere.createIndividual(Rng.seeded(0));
    }

    @Override
    public Parameters bound(Parameters params) {
        if (params.sameShape(template())) return sphere.bound(params);
        List<Parameters> sets = new ArrayList<>();
        for (Parameters p : MultiIndividual.unpack(params, template())) sets.add(sphere.bound(p));
        return MultiIndividual.pack(sets);
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        List<Parameters> sets = MultiIndividual.unpack(individual.params(), template());
        double[] f = new double[sets.size()];
        for (int i = 0; i < f.length; i++) f[i] = TestSphere.value(sets.get(i));
        return SimulationResult.of(f);
    }
}
