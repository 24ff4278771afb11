package org.robust4j.core.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.robust4j.core.tensor.Tensor;

/**
 * Reverse-mode automatic differentiation over the graph that {@link Tensor} ops record.
 * The engine is a topological sort and one backward sweep, as in micrograd: each recorded
 * {@link Node} knows its inputs and its local gradient rule.
 */
public final class Autograd {
    private Autograd() {}

    /** Turns graph recording off on this thread until the returned handle is closed. */
    public static GradMode.Restore noGrad() {
        return GradMode.set(false);
    }

    /** Turns graph recording on on this thread until the returned handle is closed. */
    public static GradMode.Restore enableGrad() {
        return GradMode.set(true);
    }

    /**
     * Backpropagates from {@code output} and accumulates into {@link Tensor#grad()} of every leaf
     * that requires grad. {@code gradOutput} may be null when {@code output} has one element.
     */
    public static void backward(Tensor output, Tensor gradOutput) {
        Map<Tensor, Tensor> leafGrads = sweep(output, gradOutput, null, false);
        for (Map.Entry<Tensor, Tensor> e : leafGrads.entrySet()) {
            e.getKey().accumulateGrad(e.getValue());
        }
    }

    /**
     * Gradients of {@code output} (one element) with respect to {@code inputs}, leaving every
     * {@link Tensor#grad()} untouched: what attacks and certificates need. An input the output
     * does not depend on gets a zero gradient.
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(output, null, false, inputs);
    }

    /**
     * Gradients of {@code output} with respect to {@code inputs}, seeded with {@code gradOutput}
     * (null for a one-element output). With {@code createGraph} the gradients are themselves
     * recorded, so they can be differentiated again (gradient penalties).
     */
    public static Tensor[] grad(Tensor output, Tensor gradOutput, boolean createGraph, Tensor... inputs) {
        Set<Tensor> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(targets, inputs);
        Map<Tensor, Tensor> found = sweep(output, gradOutput, targets, createGraph);
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = found.get(inputs[i]);
            out[i] = g != null ? g : Tensor.zeros(inputs[i].backend(), inputs[i].dtype(), inputs[i].shape().toArray());
        }
        return out;
    }

    /**
     * One backward sweep. With {@code targets == null}, returns the gradients of the leaves that
     * require grad; otherwise the gradients of the targets.
     */
    private static Map<Tensor, Tensor> sweep(Tensor output, Tensor seed, Set<Tensor> targets, boolean createGraph) {
        if (seed == null) {
            if (output.shape().size() != 1) {
                throw new IllegalArgumentException("backward: the output has shape " + output.shape()
                        + "; give a gradient of the same shape, or reduce it to one element first");
            }
            seed = Tensor.onesLike(output);
        } else if (!seed.shape().equals(output.shape())) {
            throw new IllegalArgumentException("backward: gradient shape " + seed.shape()
                    + " does not match output shape " + output.shape());
        }
        if (targets == null && !output.requiresGrad()) {
            throw new IllegalStateException("backward: the output does not require grad; no input it was"
                    + " computed from requires grad (or it was computed under noGrad)");
        }
        List<Tensor> order = topologicalOrder(output);
        Map<Tensor, Boolean> relevant = new IdentityHashMap<>();
        for (Tensor t : order) {
            relevant.put(t, isRelevant(t, targets, relevant));
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        Map<Tensor, Tensor> result = new IdentityHashMap<>();
        grads.put(output, seed);
        try (GradMode.Restore r = GradMode.set(createGraph)) {
            for (int k = order.size() - 1; k >= 0; k--) {
                Tensor t = order.get(k);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                if (targets != null ? targets.contains(t) : t.gradFn() == null) {
                    result.put(t, g);
                }
                Node node = t.gradFn();
                if (node == null) {
                    continue;
                }
                Tensor[] in = node.inputs();
                boolean[] needed = new boolean[in.length];
                boolean any = false;
                for (int i = 0; i < in.length; i++) {
                    needed[i] = Boolean.TRUE.equals(relevant.get(in[i]));
                    any |= needed[i];
                }
                if (!any) {
                    continue;
                }
                Tensor[] gin = node.backward().apply(g, needed);
                for (int i = 0; i < in.length; i++) {
                    if (!needed[i] || gin[i] == null) {
                        continue;
                    }
                    if (!gin[i].shape().equals(in[i].shape())) {
                        throw new IllegalStateException("gradient rule of " + node.op() + " returned shape "
                                + gin[i].shape() + " for an input of shape " + in[i].shape());
                    }
                    grads.merge(in[i], gin[i], Tensor::add);
                }
            }
        }
        return result;
    }

    private static boolean isRelevant(Tensor t, Set<Tensor> targets, Map<Tensor, Boolean> relevant) {
        if (targets == null) {
            return t.requiresGrad();
        }
        if (targets.contains(t)) {
            return true;
        }
        Node n = t.gradFn();
        if (n == null) {
            return false;
        }
        for (Tensor in : n.inputs()) {
            if (Boolean.TRUE.equals(relevant.get(in))) {
                return true;
            }
        }
        return false;
    }

    /** Inputs before the ops that consume them; iterative, so deep networks do not overflow the stack. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Tensor t = (Tensor) top[0];
            int next = (Integer) top[1];
            Node n = t.gradFn();
            Tensor[] in = n == null ? new Tensor[0] : n.inputs();
            if (next < in.length) {
                top[1] = next + 1;
                Tensor child = in[next];
                if (visited.add(child)) {
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
