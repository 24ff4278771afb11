package org.robust4j.experiments.rat;

import java.util.List;
import org.robust4j.experiments.adversarial.DefenceComparison.Published;

/**
 * The published numbers these experiments are compared with, as printed in Araujo et al.'s thesis
 * and in arXiv 2012.02632 (research note section 4.3). There are no published Fashion-MNIST or
 * MNIST numbers for these defences; the reference is CIFAR-10.
 */
public final class PublishedTables {
    private PublishedTables() {}

    private static final String CAPTION = "Araujo et al., \"Advocating for multiple defense strategies against adversarial"
            + " examples\" (MLCS 2020, arXiv 2012.02632) and the RAT thesis chapter: CIFAR-10, WRN-28-10, PGD-20,"
            + " eps_inf = 0.031, eps_2 = 0.83, EOT for the randomized models.";

    /** The columns of the published table that the {@code rat} experiment reproduces. */
    public static final Published RAT = new Published(CAPTION,
            List.of("", "Baseline", "AT-linf", "NI N", "NI U", "RAT-linf N", "RAT-linf U"),
            List.of(List.of("Natural", "0.94", "0.85", "0.79", "0.87", "0.74", "0.80"),
                    List.of("PGD-linf", "0.00", "0.43", "0.23", "0.22", "0.35", "0.40"),
                    List.of("PGD-l2", "0.00", "0.37", "0.34", "0.36", "0.43", "0.39")),
            "No C&W-l2 column was published for these models. Fashion-MNIST at this scale is a much easier task with a"
                    + " much smaller model, so compare orderings (which defence is more robust to which norm), not values.");

    /** The columns of the published table that {@code linf-vs-l2} reproduces. */
    public static final Published CROSS_NORM = new Published(CAPTION,
            List.of("", "Baseline", "AT-linf", "AT-l2", "MAT-Max", "MAT-Rand"),
            List.of(List.of("Natural", "0.94", "0.85", "0.85", "0.80", "0.80"),
                    List.of("PGD-linf", "0.00", "0.43", "0.37", "0.37", "0.40"),
                    List.of("PGD-l2", "0.00", "0.37", "0.52", "0.50", "0.55")),
            "The paper's point: a defence trained against one norm is weaker against the other (AT-linf 0.37 under PGD-l2,"
                    + " AT-l2 0.37 under PGD-linf); mixed training covers both. Fashion-MNIST at this scale: compare"
                    + " orderings, not values.");
}
