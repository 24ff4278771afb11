package org.robust4j.core.autograd;

/**
 * Whether ops on this thread record the graph. On by default; off inside {@link Autograd#noGrad()}
 * (evaluation, optimizer updates) and while gradient rules run (unless a graph of the gradient is
 * requested).
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Sets the mode and returns a handle that restores the previous one when closed. */
    public static Restore set(boolean enabled) {
        boolean[] cell = ENABLED.get();
        boolean previous = cell[0];
        cell[0] = enabled;
        return new Restore(cell, previous);
    }

    /** Restores the previous grad mode; use with try-with-resources. */
    public static final class Restore implements AutoCloseable {
        private final boolean[] cell;
        private final boolean previous;

        private Restore(boolean[] cell, boolean previous) {
            this.cell = cell;
            this.previous = previous;
        }

        @Override
        public void close() {
            cell[0] = previous;
        }
    }
}
