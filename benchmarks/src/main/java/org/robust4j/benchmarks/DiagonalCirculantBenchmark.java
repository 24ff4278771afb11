package org.robust4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.structured.DiagonalCirculant;

/**
 * Forward + backward (gradients to the input and every parameter) of one diagonal-circulant
 * layer against a dense layer of the same size, float32, through the frontend. The comparison
 * with PyTorch on the same workload is {@code benchmarks/compare.sh --only dc-4096}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiagonalCirculantBenchmark {
    @Param({"dc", "dense"})
    public String layer;

    @Param({"4096"})
    public int n;

    @Param({"128"})
    public int batch;

    private Backend backend;
    private Module module;
    private Tensor x;
    private Tensor gradOut;

    @Setup(Level.Trial)
    public void setup() {
        backend = Backends.create("nd4j");
        LayerContext c = new LayerContext(backend, new Generator(1), DType.FLOAT32);
        module = switch (layer) {
            case "dc" -> new DiagonalCirculant(c, n);
            case "dense" -> new Linear(c, n, n);
            default -> throw new IllegalArgumentException("layer must be dc or dense, got " + layer);
        };
        Generator g = new Generator(2);
        x = Tensor.randn(backend, g, DType.FLOAT32, batch, n).requiresGrad(true);
        gradOut = Tensor.randn(backend, g, DType.FLOAT32, batch, n);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public void forwardBackward() {
        try (org.robust4j.core.tensor.Scope s = org.robust4j.core.tensor.Scope.open()) {
            module.zeroGrad();
            x.zeroGrad();
            module.forward(x).backward(gradOut);
        }
    }
}
