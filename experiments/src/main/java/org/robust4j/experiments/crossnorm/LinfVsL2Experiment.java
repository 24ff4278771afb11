package org.robust4j.experiments.crossnorm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.attacks.Norm;
import org.robust4j.attacks.training.AdversarialTraining;
import org.robust4j.attacks.training.MixedNormTraining;
import org.robust4j.core.random.Generator;
import org.robust4j.experiments.adversarial.AttackSpec;
import org.robust4j.experiments.adversarial.Defence;
import org.robust4j.experiments.adversarial.DefenceComparison;
import org.robust4j.experiments.adversarial.EvaluatedModel;
import org.robust4j.experiments.adversarial.Objectives;
import org.robust4j.experiments.adversarial.RobustnessGrid;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.evaluation.TestSubset;
import org.robust4j.experiments.rat.PublishedTables;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.Summary;

/**
 * The cross-norm table of Araujo et al. (MLCS 2020, arXiv 2012.02632; research note section 4.3):
 * models adversarially trained against l_inf and against l2 (and the natural baseline and the
 * mixed MAT-Max / MAT-Rand defences), each evaluated under PGD-l_inf and PGD-l2 at budgets whose
 * balls have the same volume.
 */
public final class LinfVsL2Experiment implements Experiment<LinfVsL2Config> {

    @Override
    public String name() {
        return "linf-vs-l2";
    }

    @Override
    public String description() {
        return "cross-norm table on Fashion-MNIST: natural, AT-linf, AT-l2, MAT-Max, MAT-Rand under PGD-l_inf and PGD-l2";
    }

    @Override
    public Class<LinfVsL2Config> configType() {
        return LinfVsL2Config.class;
    }

    @Override
    public Map<String, LinfVsL2Config> presets() {
        Map<String, LinfVsL2Config> p = new LinkedHashMap<>();
        p.put(DEFAULT_PRESET, LinfVsL2Config.defaults());
        p.put(TINY_PRESET, LinfVsL2Config.tiny());
        return p;
    }

    @Override
    public Summary run(LinfVsL2Config c, RunContext context) throws Exception {
        DataSplits data = Datasets.load(c.dataset(), null);
        Generator g = context.generator();
        String budgets = String.format(Locale.ROOT, "eps_inf %.4g, eps_2 %.4g", c.epsLinf(), c.epsL2());
        List<Defence> defences = List.of(
                new Defence("Baseline", "natural training", Objectives.natural(), null),
                new Defence("AT-linf", "PGD-linf adversarial training, " + budgets,
                        AdversarialTraining.madry(Norm.LINF, c.epsLinf(), c.trainSteps(), g.fork()), null),
                new Defence("AT-l2", "PGD-l2 adversarial training, " + budgets,
                        AdversarialTraining.madry(Norm.L2, c.epsL2(), c.trainSteps(), g.fork()), null),
                new Defence("MAT-Max", "per sample the worse of PGD-linf and PGD-l2, " + budgets,
                        MixedNormTraining.linfAndL2(MixedNormTraining.Rule.MAX, c.epsLinf(), c.epsL2(), c.trainSteps(), g.fork()),
                        null),
                new Defence("MAT-Rand", "PGD-linf or PGD-l2 at random per batch, " + budgets,
                        MixedNormTraining.linfAndL2(MixedNormTraining.Rule.RANDOM, c.epsLinf(), c.epsL2(), c.trainSteps(),
                                g.fork()), null));
        List<DefenceComparison.TrainingRow> training = new ArrayList<>();
        List<EvaluatedModel> models = Defence.trainAll(defences, data, c.training(), context, training);
        List<AttackSpec> attacks = List.of(AttackSpec.of("PGD-linf", "pgd-linf", c.epsLinf(), c.evalSteps()),
                AttackSpec.of("PGD-l2", "pgd-l2", c.epsL2(), c.evalSteps()));
        TestSubset test = TestSubset.first(data.test(), c.testLimit());
        RobustnessGrid grid = RobustnessGrid.evaluate(models, attacks, test, 1, g.nextSeed());
        String scale = String.format(Locale.ROOT, "%s (%s) trained %d epoch(s) on %d %s images (batch %d, Adam %.0e);"
                        + " evaluated on the first %d test images; %s (the l2 ball of the l_inf ball's volume in d=784);"
                        + " PGD-%d in training, PGD-%d in evaluation. The paper: WRN-28-10 on CIFAR-10, full test set, PGD-20.",
                c.training().architecture(), c.training().architectureOptions(), c.training().epochs(),
                Math.min(c.training().trainLimit() > 0 ? c.training().trainLimit() : data.train().size(), data.train().size()),
                data.name(), c.training().batchSize(), c.training().lr(), test.size(), budgets, c.trainSteps(), c.evalSteps());
        return DefenceComparison.write(context, "l_inf vs l2 adversarial training (" + data.name() + ")", scale, grid, training,
                PublishedTables.CROSS_NORM);
    }
}
