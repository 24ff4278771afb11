package org.robust4j.experiments.rat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.attacks.Norm;
import org.robust4j.attacks.training.AdversarialTraining;
import org.robust4j.attacks.training.RandomizedAdversarialTraining;
import org.robust4j.core.random.Generator;
import org.robust4j.experiments.adversarial.AttackSpec;
import org.robust4j.experiments.adversarial.DefenceComparison;
import org.robust4j.experiments.adversarial.EvaluatedModel;
import org.robust4j.experiments.adversarial.Defence;
import org.robust4j.experiments.adversarial.Objectives;
import org.robust4j.experiments.adversarial.RobustnessGrid;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.evaluation.TestSubset;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.Summary;
import org.robust4j.layers.noise.NoiseDistribution;

/**
 * Randomized adversarial training (Araujo et al., arXiv 1903.10219 / 2012.02632; research note
 * section 4) against its parts: natural training, l_inf adversarial training (Madry), noise
 * injection alone, and RAT-l_inf (noise at the input plus PGD-l_inf training). Every defence is
 * evaluated with PGD-l_inf, PGD-l2 and C&amp;W-l2; the randomized ones (noise, RAT) with fresh
 * noise at every forward pass and EOT in the attacks, so the attack sees the expectation over
 * the noise (the pitfall of the authors' PyTorch snapshot, section 4.2).
 */
public final class RatExperiment implements Experiment<RatConfig> {

    @Override
    public String name() {
        return "rat";
    }

    @Override
    public String description() {
        return "natural vs l_inf adversarial training vs noise injection vs RAT on Fashion-MNIST, under PGD-l_inf,"
                + " PGD-l2 and C&W-l2 with EOT";
    }

    @Override
    public Class<RatConfig> configType() {
        return RatConfig.class;
    }

    @Override
    public Map<String, RatConfig> presets() {
        Map<String, RatConfig> p = new LinkedHashMap<>();
        p.put(DEFAULT_PRESET, RatConfig.defaults());
        p.put(TINY_PRESET, RatConfig.tiny());
        return p;
    }

    @Override
    public Summary run(RatConfig c, RunContext context) throws Exception {
        DataSplits data = Datasets.load(c.dataset(), null);
        Generator g = context.generator();
        NoiseDistribution noise = Objectives.noiseNamed(c.noise(), c.noiseScale());
        String n = c.noise().toLowerCase(Locale.ROOT).startsWith("u") ? "U" : "N";
        String eps = String.format(Locale.ROOT, "%.4g", c.epsLinf());
        List<Defence> defences = List.of(
                new Defence("Baseline", "natural training", Objectives.natural(), null),
                new Defence("AT-linf", "PGD-linf adversarial training, eps " + eps,
                        AdversarialTraining.madry(Norm.LINF, c.epsLinf(), c.trainSteps(), g.fork()), null),
                new Defence("NI " + n, "noise injection at the input, " + noise, Objectives.noise(noise, g.fork()), noise),
                new Defence("RAT-linf " + n, "RAT: " + noise + " at the input + PGD-linf training, eps " + eps,
                        RandomizedAdversarialTraining.pgd(noise, Norm.LINF, c.epsLinf(), c.trainSteps(), g.fork()), noise));
        List<DefenceComparison.TrainingRow> training = new ArrayList<>();
        List<EvaluatedModel> models = Defence.trainAll(defences, data, c.training(), context, training);
        List<AttackSpec> attacks = List.of(
                AttackSpec.of("PGD-linf", "pgd-linf", c.epsLinf(), c.evalSteps()),
                AttackSpec.of("PGD-l2", "pgd-l2", c.epsL2(), c.evalSteps()),
                new AttackSpec("CW-l2", "cw-l2", c.epsL2(), c.cwSteps(), c.cwBinarySteps()));
        TestSubset test = TestSubset.first(data.test(), c.testLimit());
        RobustnessGrid grid = RobustnessGrid.evaluate(models, attacks, test, c.eot(), g.nextSeed());

        String scale = String.format(Locale.ROOT, "%s (%s) trained %d epoch(s) on %d %s images (batch %d, Adam %.0e);"
                        + " evaluated on the first %d test images; eps_inf %.4g, eps_2 %.4g (the l2 ball of the l_inf ball's"
                        + " volume in d=784); PGD-%d in training, PGD-%d and C&W (%d x %d steps) in evaluation; EOT %d draws"
                        + " for the randomized models; noise %s. The paper: WRN-28-10 on CIFAR-10, full test set, PGD-20,"
                        + " EOT 80.", c.training().architecture(), c.training().architectureOptions(), c.training().epochs(),
                Math.min(c.training().trainLimit() > 0 ? c.training().trainLimit() : data.train().size(), data.train().size()),
                data.name(), c.training().batchSize(), c.training().lr(), test.size(), c.epsLinf(), c.epsL2(), c.trainSteps(),
                c.evalSteps(), c.cwBinarySteps(), c.cwSteps(), c.eot(), noise);
        return DefenceComparison.write(context, "RAT vs its parts (" + data.name() + ")", scale, grid, training,
                PublishedTables.RAT);
    }
}
