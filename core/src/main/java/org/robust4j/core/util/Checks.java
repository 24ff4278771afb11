package org.robust4j.core.util;

/**
 * Fail-fast argument checks in the spirit of Guava's {@code Preconditions}: the message is a
 * template with {@code %s} slots, formatted only when the check fails, so checks cost nothing
 * on the hot path.
 */
public final class Checks {
    private Checks() {}

    /** Throws {@link IllegalArgumentException} when {@code condition} is false. The caller is at fault. */
    public static void checkArgument(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(format(template, args));
        }
    }

    /** Throws {@link IllegalStateException} when {@code condition} is false. The object's state is at fault. */
    public static void checkState(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalStateException(format(template, args));
        }
    }

    /** Returns {@code value} or throws {@link NullPointerException} naming it. */
    public static <T> T checkNotNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /** Normalises a possibly negative axis ({@code -1} is the last) against {@code rank}. */
    public static int checkAxis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(
                    op + ": axis " + axis + " is out of range for a tensor of rank " + rank);
        }
        return a;
    }

    static String format(String template, Object... args) {
        StringBuilder sb = new StringBuilder(template.length() + 16 * args.length);
        int from = 0;
        int i = 0;
        while (i < args.length) {
            int at = template.indexOf("%s", from);
            if (at < 0) {
                break;
            }
            sb.append(template, from, at).append(args[i++]);
            from = at + 2;
        }
        sb.append(template.substring(from));
        if (i < args.length) {
            sb.append(" [");
            for (; i < args.length; i++) {
                sb.append(args[i]).append(i + 1 < args.length ? ", " : "");
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
