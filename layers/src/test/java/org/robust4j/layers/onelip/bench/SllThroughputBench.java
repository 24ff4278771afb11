package org.robust4j.layers.onelip.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.optim.Sgd;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.onelip.SllNetworks;

/**
 * Training throughput of {@code SllNetworks.small(ctx, 1, 28, 10)} (not a test; run by hand, side
 * by side with {@code benchmarks/peer/bench_train_sll.py --models sll}, which builds the same
 * network in PyTorch): random U[0,1) 1x28x28 batches of 128 with random labels, one step =
 * zero grad, forward, cross-entropy, backward, SGD (lr 0.01). Prints samples/s per timed slice
 * and their median. Arguments: [warmup steps] [slices] [steps per slice].
 */
public final class SllThroughputBench {
    private SllThroughputBench() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int slices = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int perSlice = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int batch = 128;
        Backend b = Backends.create("nd4j");
        Sequential net = SllNetworks.small(LayerContext.of(b, 7), 1, 28, 10);
        Sgd opt = new Sgd(net.parameters(), 0.01);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Generator g = new Generator(11);
        List<Tensor[]> data = new ArrayList<>();
        for (int i = 0; i < perSlice; i++) {
            int[] labels = new int[batch];
            for (int j = 0; j < batch; j++) {
                labels[j] = (int) (g.nextDouble() * 10);
            }
            Tensor x = Scope.untracked(() -> Tensor.rand(b, g, DType.FLOAT32, batch, 1, 28, 28));
            Tensor y = Scope.untracked(() -> Tensor.ofInts(b, labels, batch));
            data.add(new Tensor[] {x, y});
        }
        System.out.println("parameters " + net.parameterCount());
        int step = 0;
        for (int i = 0; i < warmup; i++) {
            step(net, opt, loss, data.get(step++ % data.size()));
        }
        List<Double> rates = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            long t0 = System.nanoTime();
            double last = 0;
            for (int i = 0; i < perSlice; i++) {
                last = step(net, opt, loss, data.get(step++ % data.size()));
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            rates.add(perSlice * batch / sec);
            System.out.printf("slice %d: %.1f samples/s (loss %.4f)%n", s, perSlice * batch / sec, last);
        }
        Collections.sort(rates);
        System.out.printf("median %.1f samples/s%n", rates.get(rates.size() / 2));
    }

    private static double step(Sequential net, Sgd opt, CrossEntropyLoss loss, Tensor[] xy) {
        try (Scope s = Scope.open()) {
            opt.zeroGrad();
            Tensor l = loss.compute(net.forward(xy[0]), xy[1]);
            l.backward();
            opt.step();
            return l.item();
        }
    }
}
