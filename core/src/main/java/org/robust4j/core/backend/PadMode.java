package org.robust4j.core.backend;

/** How {@link Backend#pad} fills the border: a constant, or the input wrapped around (a torus). */
public enum PadMode {
    ZERO, CIRCULAR;

    public static PadMode parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "zero", "zeros", "constant" -> ZERO;
            case "circular", "wrap", "periodic" -> CIRCULAR;
            default -> throw new IllegalArgumentException("unknown padding mode '" + s + "': expected zero or circular");
        };
    }
}
