package org.robust4j.core.nn;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * A network building block in the style of PyTorch's {@code nn.Module}: named parameters,
 * named buffers (state that is saved but not trained, such as BatchNorm's running statistics)
 * and named children, so {@link #namedParameters()} and {@link #stateDict()} produce PyTorch's
 * dotted names ({@code blocks.3.weight}) and weights move between the two ecosystems.
 *
 * <p>Subclasses register what they own in their constructor and implement {@link #forward}.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes the module's output. */
    public abstract Tensor forward(Tensor x);

    // ---------------------------------------------------------------- registration

    protected Parameter registerParameter(String name, Tensor init) {
        checkName(name);
        Parameter p = new Parameter(init);
        parameters.put(name, p);
        return p;
    }

    protected <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    /** Registers state saved in the state dict but not trained; the tensor is copied outside any scope. */
    protected Tensor registerBuffer(String name, Tensor init) {
        checkName(name);
        Tensor copy = Scope.untracked(() -> Tensor.wrap(init.backend().copy(init.data())));
        buffers.put(name, copy);
        return copy;
    }

    private void checkName(String name) {
        checkArgument(name != null && !name.isEmpty() && !name.contains("."),
                "module entry names must be non-empty and contain no dot, got '%s'", name);
        checkArgument(!parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
                "'%s' is already registered in %s", name, getClass().getSimpleName());
    }

    // ---------------------------------------------------------------- mode

    /** Training mode (dropout active, batch statistics) for this module and its children. */
    public Module train() {
        return train(true);
    }

    /** Evaluation mode for this module and its children. */
    public Module eval() {
        return train(false);
    }

    public Module train(boolean on) {
        this.training = on;
        for (Module c : children.values()) {
            c.train(on);
        }
        return this;
    }

    public boolean isTraining() {
        return training;
    }

    // ---------------------------------------------------------------- introspection

    /** Every parameter with its dotted name, depth first in registration order. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collectParameters(prefix + n + ".", out));
    }

    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Direct children by name. */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** This module ("") and every descendant with its dotted path. */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return out;
    }

    private void collectModules(String path, Map<String, Module> out) {
        out.put(path, this);
        children.forEach((n, c) -> c.collectModules(path.isEmpty() ? n : path + "." + n, out));
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.value().size();
        }
        return n;
    }

    public void zeroGrad() {
        for (Parameter p : namedParameters().values()) {
            p.value().zeroGrad();
        }
    }

    // ---------------------------------------------------------------- state dict

    /** Parameters and buffers by dotted name (the live tensors, not copies). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p.value()));
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, c) -> c.collectState(prefix + n + ".", out));
    }

    /**
     * Copies {@code state} into this module's parameters and buffers. With {@code strict}, the
     * names must match exactly; in every case shapes must match. Nothing is changed unless
     * every check passes, and the error lists every missing, unexpected and mis-shaped entry.
     */
    public void loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> mine = stateDict();
        List<String> problems = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>(mine.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(mine.keySet());
        if (strict && !missing.isEmpty()) {
            problems.add("missing " + missing);
        }
        if (strict && !unexpected.isEmpty()) {
            problems.add("unexpected " + unexpected);
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor target = mine.get(e.getKey());
            if (target != null && !target.shape().equals(e.getValue().shape())) {
                problems.add(e.getKey() + " has shape " + e.getValue().shape() + " in the state dict but "
                        + target.shape() + " in the model");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict(" + getClass().getSimpleName() + "): "
                    + String.join("; ", problems));
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor target = mine.get(e.getKey());
            if (target != null) {
                target.assign(e.getValue().dtype() == target.dtype() ? e.getValue() : e.getValue().cast(target.dtype()));
            }
        }
    }

    public void loadStateDict(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }

    /** Calls {@link #forward}; exists so modules read like functions. */
    public Tensor apply(Tensor x) {
        return forward(x);
    }

    /** Extra text for {@link #toString()} (sizes, options). */
    protected String describe() {
        return "";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        render(sb, "");
        return sb.toString();
    }

    private void render(StringBuilder sb, String indent) {
        sb.append(getClass().getSimpleName()).append('(').append(describe());
        if (children.isEmpty()) {
            sb.append(')');
            return;
        }
        sb.append('\n');
        for (Map.Entry<String, Module> e : children.entrySet()) {
            sb.append(indent).append("  (").append(e.getKey()).append("): ");
            e.getValue().render(sb, indent + "  ");
            sb.append('\n');
        }
        sb.append(indent).append(')');
    }
}
