package org.robust4j.experiments.reproduce;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which paper each registered experiment reproduces. The published numbers themselves live in
 * each experiment's own {@code report.md} (quoted from {@code shared/research/}, with their
 * source), so that they sit next to the numbers they are compared with.
 */
public final class Papers {
    private static final Paper GRAM = new Paper("Gram iteration (ICML 2023)",
            "Delattre, Barthélemy, Araujo, Allauzen. Efficient Bound of Lipschitz Constant for Convolutional Layers "
                    + "by Gram Iteration. ICML 2023; follow-up arXiv 2402.00240; LipBound, Araujo et al., AAAI 2021",
            "https://arxiv.org/abs/2305.16173");
    private static final Paper SLL = new Paper("SLL (ICLR 2023)",
            "Araujo, Havens, Delattre, Allauzen, Hu. A Unified Algebraic Perspective on Lipschitz Neural Networks. "
                    + "ICLR 2023; CPL: Meunier et al., ICML 2022; AOL: Prach & Lampert, ECCV 2022",
            "https://arxiv.org/abs/2303.03169");
    private static final Paper CPL = new Paper("CPL (ICML 2022)",
            "Meunier, Delattre, Araujo, Allauzen. A Dynamical System Perspective for Lipschitz Neural Networks. ICML 2022",
            "https://arxiv.org/abs/2110.12690");
    private static final Paper DC = new Paper("Diagonal-circulant networks (ECAI 2020)",
            "Araujo, Negrevergne, Chevaleyre, Atif. Understanding and Training Deep Diagonal Circulant Neural Networks. "
                    + "ECAI 2020", "https://arxiv.org/abs/1901.10255");
    private static final Paper RAT = new Paper("RAT (2019)",
            "Araujo, Meunier, Pinot, Negrevergne. Robust Neural Networks using Randomized Adversarial Training",
            "https://arxiv.org/abs/1903.10219");
    private static final Paper LINF_L2 = new Paper("l-inf vs l2 (MLCS 2020)",
            "Araujo, Meunier, Pinot, Negrevergne. Advocating for Multiple Defense Strategies against Adversarial "
                    + "Examples. MLCS 2020", "https://arxiv.org/abs/2012.02632");
    private static final Paper SMOOTHING = new Paper("Randomized smoothing (ICML 2019; 2022)",
            "Cohen, Rosenfeld, Kolter. Certified Adversarial Robustness via Randomized Smoothing. ICML 2019; "
                    + "Ettedgui, Araujo, Pinot, Chevaleyre, Atif. Towards Evading the Limits of Randomized Smoothing",
            "https://arxiv.org/abs/2206.01715");

    private static final Paper NOISE_INJECTION = new Paper("Noise injection (NeurIPS 2019)",
            "Pinot, Meunier, Araujo, Kashima, Yger, Gouy-Pailler, Atif. Theoretical evidence for adversarial robustness"
                    + " through randomization. NeurIPS 2019", "https://arxiv.org/abs/1902.01148");

    private static final Map<String, Paper> BY_EXPERIMENT = Map.ofEntries(
            Map.entry("gram-iteration", GRAM),
            Map.entry("lipschitz-regularization", GRAM),
            Map.entry("sll-certified", SLL),
            Map.entry("lipschitz-layers-compare", SLL),
            Map.entry("cpl-depth", CPL),
            Map.entry("circulant-expressivity", DC),
            Map.entry("rat", RAT),
            Map.entry("linf-vs-l2", LINF_L2),
            Map.entry("smoothing-certify", SMOOTHING),
            Map.entry("noise-injection", NOISE_INJECTION));

    /** A row of DESIGN.md's table of papers and the experiments whose sections in REPORT.md cover it. */
    public record Coverage(String capability, String paper, List<String> experiments) {}

    /** Every row of DESIGN.md's papers table, in its order, with the experiments that reproduce it. */
    public static final List<Coverage> DESIGN_TABLE = List.of(
            new Coverage("Gram iteration for dense and conv spectral norms", "Delattre et al., ICML 2023 (2305.16173)",
                    List.of("gram-iteration", "lipschitz-regularization")),
            new Coverage("LipBound and Lipschitz regularisation", "Araujo et al., AAAI 2021 (2006.08391)",
                    List.of("gram-iteration", "lipschitz-regularization")),
            new Coverage("Baselines: power iteration, exact circular norm, Singla-Feizi", "-",
                    List.of("gram-iteration")),
            new Coverage("SLL and AOL layers, Lipschitz-margin certificates", "Araujo et al., ICLR 2023 (2303.03169)",
                    List.of("sll-certified", "lipschitz-layers-compare")),
            new Coverage("CPL, deep 1-Lipschitz residual networks", "Meunier et al., ICML 2022 (2110.12690)",
                    List.of("cpl-depth", "lipschitz-layers-compare")),
            new Coverage("Randomized smoothing and multi-noise certificates", "Ettedgui et al., 2022 (2206.01715)",
                    List.of("smoothing-certify")),
            new Coverage("Noise injection and its Renyi guarantee", "Pinot et al., NeurIPS 2019 (1902.01148)",
                    List.of("noise-injection")),
            new Coverage("RAT, attacks under noise (EOT)", "Araujo et al., 2019 (1903.10219)", List.of("rat")),
            new Coverage("l_inf vs l2 robustness, mixed defences", "Araujo et al., MLCS 2020 (2012.02632)",
                    List.of("linf-vs-l2")),
            new Coverage("Diagonal-circulant structured layers", "Araujo et al., ECAI 2020 (1901.10255); thesis (2109.00959)",
                    List.of("circulant-expressivity")),
            new Coverage("Attacks: FGSM, PGD l_inf/l2, Carlini-Wagner l2", "Madry et al.; Carlini & Wagner",
                    List.of("rat", "linf-vs-l2", "noise-injection")));

    private Papers() {}

    /** The paper {@code experiment} reproduces; empty for engineering experiments such as {@code backend-check}. */
    public static Optional<Paper> of(String experiment) {
        return Optional.ofNullable(BY_EXPERIMENT.get(experiment));
    }
}
