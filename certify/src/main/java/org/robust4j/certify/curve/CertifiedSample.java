package org.robust4j.certify.curve;

/**
 * One certified input as the certified-accuracy curve sees it: the true label, the certified
 * prediction (or abstention) and the radius within which that prediction is guaranteed.
 */
public interface CertifiedSample {

    /** The true label, or -1 when unknown. */
    int label();

    /** The certified class, or -1 when abstaining. */
    int prediction();

    /** The certified radius (0 when abstaining). */
    double radius();

    /** Whether the method abstained. */
    boolean abstained();

    /** Correct and not abstained: what certified accuracy at radius 0 counts. */
    default boolean correct() {
        return !abstained() && label() >= 0 && prediction() == label();
    }

    /**
     * Counted in the certified accuracy at radius {@code r}: correct with a radius of at least
     * {@code r} (Cohen et al.'s "approximate certified accuracy"; the certificate holds for
     * perturbations of norm strictly below the radius, so the boundary case is the papers'
     * convention).
     */
    default boolean certifiedAt(double r) {
        return correct() && radius() >= r;
    }
}
