package org.robust4j.benchmarks.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.backend.MemoryStats;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.optim.Adam;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.util.ResidentMemory;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.MaxPool2d;
import org.robust4j.layers.standard.ReLU;

/**
 * Does native memory stay bounded when shapes vary? Trains a small CNN (two 3x3 convolutions,
 * Adam) on 28x28 inputs for {@code steps} steps, the batch size cycling through 20 values (16 to
 * 320) in a scattered order, and samples the process's resident set (the kernel's count: Java
 * heap, native libraries and buffers together) against the live plus pooled bytes the backend
 * reports. Prints one line per 50 steps and a verdict: whether the resident set plateaued (the
 * last quarter of the run grew it by under 5%) and its peak as a multiple of the backend's bytes.
 *
 * <p>{@code benchmarks/memory.sh [STEPS]} builds and runs it under {@code /usr/bin/time -v}.
 */
public final class MemoryPlateau {
    private MemoryPlateau() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String backendName = args.length > 1 ? args[1] : "nd4j";
        try (Backend b = Backends.create(backendName)) {
            LayerContext ctx = LayerContext.of(b, 1);
            Sequential m = new Sequential(new Conv2d(ctx, 1, 16, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                    new Conv2d(ctx, 16, 32, 3, 1, 1), new ReLU(), new MaxPool2d(2), new Flatten(),
                    new Linear(ctx, 32 * 7 * 7, 10));
            Adam opt = new Adam(m.parameters(), 1e-3);
            CrossEntropyLoss loss = new CrossEntropyLoss();
            Generator g = new Generator(3);
            long maxBackend = 0;
            List<long[]> samples = new ArrayList<>();   // {step, rss}
            long t0 = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                int batch = 16 + 16 * ((step * 7) % 20);   // 20 batch sizes, each every 20 steps
                try (Scope s = Scope.open()) {
                    Tensor x = Tensor.rand(b, g, DType.FLOAT32, batch, 1, 28, 28);
                    int[] y = new int[batch];
                    for (int i = 0; i < batch; i++) {
                        y[i] = i % 10;
                    }
                    Tensor l = loss.compute(m.forward(x), Tensor.ofInts(b, y, batch));
                    opt.zeroGrad();
                    l.backward();
                    opt.step();
                }
                MemoryStats ms = b.memory();
                maxBackend = Math.max(maxBackend, ms.liveBytes() + ms.pooledBytes());
                if (step % 50 == 49) {
                    long rss = ResidentMemory.currentBytes().orElse(0);
                    samples.add(new long[] {step + 1, rss});
                    System.out.printf(Locale.ROOT, "step %d: resident %d MiB, backend live+pooled %d MiB, java heap %d MiB%n",
                            step + 1, rss >> 20, (ms.liveBytes() + ms.pooledBytes()) >> 20,
                            Runtime.getRuntime().totalMemory() >> 20);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = ResidentMemory.peakBytes().orElse(0);
            long last = samples.get(samples.size() - 1)[1];
            long atThreeQuarters = samples.get(Math.max(0, samples.size() * 3 / 4 - 1))[1];
            double growth = atThreeQuarters > 0 ? (double) last / atThreeQuarters - 1 : Double.NaN;
            System.out.printf(Locale.ROOT, "%d steps in %.1f s; resident peak %d MiB, backend live+pooled peak %d MiB"
                            + " (ratio %.2f); last quarter grew the resident set by %.1f%%: %s%n",
                    steps, seconds, peak >> 20, maxBackend >> 20, (double) peak / maxBackend, 100 * growth,
                    growth < 0.05 ? "plateau" : "still growing");
        }
    }
}
