package org.robust4j.experiments.reproduce;

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

    private static final Map<String, Paper> BY_EXPERIMENT = Map.ofEntries(
            Map.entry("gram-iteration", GRAM),
            Map.entry("lipschitz-regularization", GRAM),
            Map.entry("sll-certified", SLL),
            Map.entry("lipschitz-layers-compare", SLL),
            Map.entry("cpl-depth", CPL),
            Map.entry("circulant-expressivity", DC),
            Map.entry("rat", RAT),
            Map.entry("linf-vs-l2", LINF_L2),
            Map.entry("smoothing-certify", SMOOTHING));

    private Papers() {}

    /** The paper {@code experiment} reproduces; empty for engineering experiments such as {@code backend-check}. */
    public static Optional<Paper> of(String experiment) {
        return Optional.ofNullable(BY_EXPERIMENT.get(experiment));
    }
}
