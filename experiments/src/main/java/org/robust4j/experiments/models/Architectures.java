package org.robust4j.experiments.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.MaxPool2d;
import org.robust4j.layers.standard.ReLU;

/** The architectures every command can build by name (and rebuild from a model file's metadata). */
public final class Architectures {
    private static final Map<String, Architecture> ALL = new LinkedHashMap<>();

    static {
        register(simple("mlp", "784-512-512-10 ReLU perceptron (the PyTorch peer's model b); option: hidden=512",
                Architectures::mlp));
        register(simple("cnn", "conv3x3(32) ReLU conv3x3(64, stride 2) ReLU linear (the peer's small CNN, model a)",
                Architectures::smallCnn));
        register(simple("lenet", "conv5x5(32) ReLU maxpool conv5x5(64) ReLU maxpool linear(128) ReLU linear",
                Architectures::lenet));
        OneLipschitzArchitectures.registerAll();
    }

    private Architectures() {}

    public static void register(Architecture a) {
        ALL.put(a.name(), a);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Architecture get(String name) {
        Architecture a = ALL.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "'; known: " + String.join(", ", ALL.keySet()));
        }
        return a;
    }

    public static Module build(LayerContext c, ModelSpec spec) {
        return get(spec.architecture()).build(c, spec);
    }

    private interface Builder {
        Module build(LayerContext c, ModelSpec s);
    }

    private static Architecture simple(String name, String description, Builder b) {
        return new Architecture() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Module build(LayerContext context, ModelSpec spec) {
                return b.build(context, spec);
            }
        };
    }

    private static int inputSize(ModelSpec s) {
        return (int) s.inputShape().size();
    }

    static Module mlp(LayerContext c, ModelSpec s) {
        int h = s.intOption("hidden", 512);
        return new Sequential(new Flatten(), new Linear(c, inputSize(s), h), new ReLU(), new Linear(c, h, h), new ReLU(),
                new Linear(c, h, s.classes()));
    }

    static Module smallCnn(LayerContext c, ModelSpec s) {
        int ch = s.inputShape().dim(0);
        int hw = s.inputShape().dim(1);
        int out = (hw + 1) / 2;
        return new Sequential(new Conv2d(c, ch, 32, 3, 1, 1), new ReLU(), new Conv2d(c, 32, 64, 3, 2, 1), new ReLU(),
                new Flatten(), new Linear(c, 64 * out * out, s.classes()));
    }

    static Module lenet(LayerContext c, ModelSpec s) {
        int ch = s.inputShape().dim(0);
        int hw = s.inputShape().dim(1);
        int after = ((hw) / 2) / 2;
        return new Sequential(new Conv2d(c, ch, 32, 5, 1, 2), new ReLU(), new MaxPool2d(2), new Conv2d(c, 32, 64, 5, 1, 2),
                new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(c, 64 * after * after, 128), new ReLU(),
                new Linear(c, 128, s.classes()));
    }
}
