package org.robust4j.experiments.demo;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import java.util.Map;

/**
 * What {@code robust4j demo} trains and measures. Two presets: {@link #standard()} (a few minutes
 * on two cores) and {@link #quick()} (under a minute). Both run on the embedded Fashion-MNIST
 * subset, so the demo needs nothing installed.
 *
 * @param dataset          dataset name ({@code fashion-mnist-small}: embedded, 8000 train / 2000 test)
 * @param trainLimit       training samples used (0: all)
 * @param models           the networks to train and compare
 * @param testLimit        test images for clean accuracy, attacks and Lipschitz certificates
 * @param l2Eps            PGD-l2 budgets; the first is the headline one
 * @param linfEps          PGD-linf budgets; the first is the headline one
 * @param pgdSteps         PGD iterations
 * @param certifyRadii     l2 radii at which certified accuracy is reported (the papers' 36/255, 72/255, 108/255)
 * @param smoothingLimit   test images certified by randomized smoothing
 * @param sigma            Gaussian noise level of the smoothed classifier
 * @param n0               smoothing: samples for selecting the class
 * @param n                smoothing: samples for the estimate
 * @param alpha            smoothing: failure probability
 */
public record DemoConfig(String dataset, int trainLimit, List<DemoModel> models, int testLimit, List<Double> l2Eps,
                         List<Double> linfEps, int pgdSteps, List<Double> certifyRadii, int smoothingLimit,
                         double sigma, int n0, int n, double alpha) {

    /** One network of the demo: an architecture from the registry and how to train it. */
    public record DemoModel(String label, String arch, Map<String, String> options, String loss, String optimizer,
                            double lr, String schedule, int epochs, int batchSize) {
        public DemoModel {
            checkArgument(epochs > 0 && batchSize > 0 && lr > 0, "demo model %s: epochs, batch size and lr must be positive",
                    label);
            options = Map.copyOf(options);
        }
    }

    public DemoConfig {
        checkArgument(!models.isEmpty(), "demo: no models");
        checkArgument(testLimit > 0 && smoothingLimit >= 0 && pgdSteps > 0, "demo: limits must be positive");
        checkArgument(!l2Eps.isEmpty() && !linfEps.isEmpty() && !certifyRadii.isEmpty(), "demo: empty eps or radius list");
        checkArgument(sigma > 0 && n0 > 0 && n > 0 && alpha > 0 && alpha < 1, "demo: bad smoothing parameters");
        models = List.copyOf(models);
        l2Eps = List.copyOf(l2Eps);
        linfEps = List.copyOf(linfEps);
        certifyRadii = List.copyOf(certifyRadii);
    }

    /** A narrow SLL network (width 8, 3 SLL convs, 2 SLL dense of 256) with the globally 1-Lipschitz first-C head. */
    static final Map<String, String> DEMO_SLL = Map.of("width", "8", "conv-layers", "3", "conv-inner", "8",
            "dense-layers", "2", "dense-inner", "256", "head", "first");

    private static final List<Double> RADII = List.of(36 / 255.0, 72 / 255.0, 108 / 255.0);

    /** The default demo: every training sample of the embedded subset, a few hundred test images. */
    public static DemoConfig standard() {
        return new DemoConfig("fashion-mnist-small", 0, List.of(
                new DemoModel("CNN (standard)", "cnn", Map.of(), "ce", "adam", 1e-3, "constant", 3, 128),
                new DemoModel("SLL (1-Lipschitz)", "sll", DEMO_SLL, "offset-ce", "adam", 5e-3, "triangular", 6, 128)),
                500, List.of(108 / 255.0, 36 / 255.0, 72 / 255.0, 1.0), List.of(8 / 255.0, 2 / 255.0, 4 / 255.0, 16 / 255.0),
                10, RADII, 200, 0.25, 32, 500, 0.001);
    }

    /** Under a minute: fewer samples and epochs, fewer noisy draws. */
    public static DemoConfig quick() {
        return new DemoConfig("fashion-mnist-small", 3000, List.of(
                new DemoModel("CNN (standard)", "cnn", Map.of(), "ce", "adam", 1e-3, "constant", 1, 128),
                new DemoModel("SLL (1-Lipschitz)", "sll", DEMO_SLL, "offset-ce", "adam", 5e-3, "triangular", 2, 128)),
                100, List.of(108 / 255.0, 1.0), List.of(8 / 255.0, 16 / 255.0), 5, RADII, 40, 0.25, 16, 100, 0.001);
    }

    /** The same demo with the 1-Lipschitz network (the second model) built from {@code arch} ({@code sll}, {@code cpl}, {@code aol}). */
    public DemoConfig withLipschitzArch(String arch, String label) {
        List<DemoModel> ms = new java.util.ArrayList<>(models);
        DemoModel m = ms.get(ms.size() - 1);
        ms.set(ms.size() - 1, new DemoModel(label, arch, Map.of(), m.loss(), m.optimizer(), m.lr(), m.schedule(), m.epochs(),
                m.batchSize()));
        return new DemoConfig(dataset, trainLimit, ms, testLimit, l2Eps, linfEps, pgdSteps, certifyRadii, smoothingLimit,
                sigma, n0, n, alpha);
    }

    /** The headline l2 budget. */
    public double l2() {
        return l2Eps.get(0);
    }

    /** The headline l-infinity budget. */
    public double linf() {
        return linfEps.get(0);
    }
}
