package org.robust4j.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.robust4j.core.tensor.Tensor;

/** Modules applied one after another; children are named {@code 0, 1, 2, ...} as in PyTorch. */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    public Sequential(List<? extends Module> layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer named by its position. */
    public final Sequential add(Module m) {
        registerModule(String.valueOf(layers.size()), m);
        layers.add(m);
        return this;
    }

    public List<Module> layers() {
        return Collections.unmodifiableList(layers);
    }

    public Module get(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : layers) {
            h = m.forward(h);
        }
        return h;
    }
}
