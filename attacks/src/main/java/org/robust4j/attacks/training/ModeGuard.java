package org.robust4j.attacks.training;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.nn.Module;

/** Puts a model in evaluation mode and, on close, restores every submodule's own mode. */
final class ModeGuard implements AutoCloseable {
    private final List<Module> modules = new ArrayList<>();
    private final List<Boolean> modes = new ArrayList<>();

    private ModeGuard(Module model) {
        // namedModules lists a parent before its children, so restoring in this order is exact
        // (train(flag) recurses, and the children's own flags are set after their parent's).
        for (Module m : model.namedModules().values()) {
            modules.add(m);
            modes.add(m.isTraining());
        }
    }

    /** Switches {@code model} to evaluation mode when {@code evalMode}; otherwise changes nothing. */
    static ModeGuard evalIf(Module model, boolean evalMode) {
        ModeGuard g = new ModeGuard(model);
        if (evalMode) {
            model.eval();
        }
        return g;
    }

    @Override
    public void close() {
        for (int i = 0; i < modules.size(); i++) {
            modules.get(i).train(modes.get(i));
        }
    }
}
