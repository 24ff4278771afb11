package org.robust4j.certify.bench;

import java.nio.file.Path;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/** Minimum-of-N time of each stage of one CERTIFY batch on model (a) (minimums resist contention). Not a test. */
public final class LayerProfile {
    private LayerProfile() {}

    public static void main(String[] args) throws Exception {
        Path fixtures = Path.of(args.length > 0 ? args[0] : "/tmp/peerc/fixtures");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Backend b = Backends.create("nd4j");
        Sequential model = PeerModelA.load(b, fixtures.resolve("model_a"), DType.FLOAT32);
        Tensor x = Tensor.of(b, PeerModelA.readF32(fixtures.resolve("smoothing_inputs.bin"), 7840), 10, 1, 28, 28).select(0, 0);
        int stages = model.size() + 3;
        double[] min = new double[stages];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        double minBatch = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            try (Scope s = Scope.open(); GradMode.Restore r = Autograd.noGrad()) {
                long t = System.nanoTime();
                Tensor noise = Tensor.wrap(b.randomNormal(Shape.of(batch, 1, 28, 28), DType.FLOAT32, 0, 0.25, rep));
                min[0] = Math.min(min[0], lap(t));
                t = System.nanoTime();
                noise.applyInPlace(org.robust4j.core.backend.BinaryOp.ADD, x);
                min[1] = Math.min(min[1], lap(t));
                Tensor h = noise;
                for (int i = 0; i < model.size(); i++) {
                    Module m = model.get(i);
                    t = System.nanoTime();
                    h = m.forward(h);
                    min[2 + i] = Math.min(min[2 + i], lap(t));
                }
                t = System.nanoTime();
                h.argMax(1).toLongArray();
                min[stages - 1] = Math.min(min[stages - 1], lap(t));
            }
            minBatch = Math.min(minBatch, lap(t0));
        }
        String[] names = {"noise", "add x", "conv1", "relu", "conv2", "relu", "flatten", "linear", "argmax+copy"};
        double total = 0;
        for (int i = 0; i < stages; i++) {
            System.out.printf("%-12s %8.2f ms%n", names[i], min[i]);
            total += min[i];
        }
        System.out.printf("%-12s %8.2f ms  -> %.0f passes/s (sum of minimums)%n", "total", total, batch / total * 1000);
        System.out.printf("%-12s %8.2f ms  -> %.0f passes/s (fastest whole batch, scope included)%n", "batch", minBatch,
                batch / minBatch * 1000);
    }

    private static double lap(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
