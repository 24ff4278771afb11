package org.robust4j.attacks;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Hands an iteration's state to the next one so that nothing piles up across iterations: the
 * new state's tensors are kept out of the iteration's scope, and the previous state's tensors
 * that the new state does not reuse are released at once. Tensors are compared by their arrays,
 * so two tensors sharing storage (a {@code detach()}) count as one.
 */
public final class Carry {
    private Carry() {}

    /**
     * Keeps {@code next} (out of {@code s}, to its parent) and releases every array of
     * {@code previous} that is neither in {@code next} nor in {@code protect} (the caller's
     * inputs). Null entries are skipped.
     */
    public static void over(Scope s, Tensor[] previous, Tensor[] next, Tensor... protect) {
        Set<NDArray> live = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : next) {
            if (t != null) {
                s.keep(t);
                live.add(t.data());
            }
        }
        for (Tensor t : protect) {
            if (t != null) {
                live.add(t.data());
            }
        }
        Set<NDArray> dead = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : previous) {
            if (t != null && !live.contains(t.data())) {
                dead.add(t.data());
            }
        }
        for (NDArray a : dead) {
            a.close();
        }
    }
}
