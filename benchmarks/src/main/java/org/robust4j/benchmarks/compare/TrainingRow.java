package org.robust4j.benchmarks.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.optim.Sgd;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.loss.CrossEntropyLoss;

/**
 * Training throughput: one call is one SGD step (zero grad, forward, mean cross-entropy, backward,
 * update at lr 0.01, no momentum) on a batch of 128 random 1x28x28 images with random labels,
 * cycling over 4 pre-made batches (data generation is not timed).
 */
final class TrainingRow extends Row {
    static final int BATCH = 128;
    private static final int BATCHES = 4;

    private final Function<LayerContext, Module> model;

    TrainingRow(String name, String description, Function<LayerContext, Module> model) {
        super(name, "samples/s", true, description);
        this.model = model;
    }

    @Override
    RowResult run(Bench bench) {
        Backend b = bench.backend();
        Module net = model.apply(LayerContext.of(b, 7));
        net.train();
        Sgd opt = new Sgd(net.parameters(), 0.01);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Generator g = new Generator(11);
        Tensor[] xs = new Tensor[BATCHES];
        Tensor[] ys = new Tensor[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            int[] labels = new int[BATCH];
            for (int j = 0; j < BATCH; j++) {
                labels[j] = (int) (g.nextDouble() * 10);
            }
            xs[i] = Scope.untracked(() -> Tensor.rand(b, g, DType.FLOAT32, BATCH, 1, 28, 28));
            ys[i] = Scope.untracked(() -> Tensor.ofInts(b, labels, BATCH));
        }
        int[] step = {0};
        double[] last = {Double.NaN};
        GatedTimer.Timing t = bench.timer().time(() -> {
            int i = step[0]++ % BATCHES;
            try (Scope s = Scope.open()) {
                opt.zeroGrad();
                Tensor l = loss.compute(net.forward(xs[i]), ys[i]);
                l.backward();
                opt.step();
                last[0] = l.item();   // item() waits for the device, so the step is complete
            }
        });
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("batch", BATCH);
        params.put("optimizer", "sgd lr 0.01");
        params.put("parameters", net.parameterCount());
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("last_loss", last[0]);
        check.put("steps", step[0]);
        return RowResult.rate(BATCH, t, params, check);
    }
}
