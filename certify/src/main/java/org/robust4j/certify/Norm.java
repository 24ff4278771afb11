package org.robust4j.certify;

/** The norm in which a certified radius is measured. */
public enum Norm {
    L1,
    L2,
    LINF;

    /** Lower-case name as reports write it ({@code l1}, {@code l2}, {@code linf}). */
    public String label() {
        return name().toLowerCase();
    }
}
