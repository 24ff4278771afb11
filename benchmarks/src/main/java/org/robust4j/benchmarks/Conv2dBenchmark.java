package org.robust4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

/**
 * Frontend overhead on convolution: forward and forward+backward (gradients to input and kernel)
 * of {@code [128,16,28,28] x [32,16,3,3]}, stride 1, padding 1, through {@code Tensor} and autograd
 * against the same libnd4j ops ({@code conv2d}, {@code conv2d_bp}) into preallocated outputs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class Conv2dBenchmark {
    private static final int[] ARGS = {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 1};

    private Backend backend;
    private Tensor x;
    private Tensor w;
    private Tensor gy;
    private INDArray rx;
    private INDArray rw;
    private INDArray ry;
    private INDArray rgy;
    private INDArray rgx;
    private INDArray rgw;

    @Setup(Level.Trial)
    public void setup() {
        backend = Backends.create("nd4j");
        Generator g = new Generator(1);
        x = Tensor.randn(backend, g, DType.FLOAT32, 128, 16, 28, 28).requiresGrad(true);
        w = Tensor.randn(backend, g, DType.FLOAT32, 32, 16, 3, 3).requiresGrad(true);
        gy = Tensor.randn(backend, g, DType.FLOAT32, 128, 32, 28, 28);
        rx = Nd4j.rand(DataType.FLOAT, 128, 16, 28, 28);
        rw = Nd4j.rand(DataType.FLOAT, 32, 16, 3, 3);
        ry = Nd4j.create(DataType.FLOAT, 128, 32, 28, 28);
        rgy = Nd4j.rand(DataType.FLOAT, 128, 32, 28, 28);
        rgx = Nd4j.create(DataType.FLOAT, 128, 16, 28, 28);
        rgw = Nd4j.create(DataType.FLOAT, 32, 16, 3, 3);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public void frontendForward(Blackhole bh) {
        try (org.robust4j.core.tensor.Scope s = org.robust4j.core.tensor.Scope.open()) {
            bh.consume(x.detach().conv2d(w.detach(), Conv2dSpec.of(1, 1)));
        }
    }

    @Benchmark
    public void frontendForwardBackward(Blackhole bh) {
        try (org.robust4j.core.tensor.Scope s = org.robust4j.core.tensor.Scope.open()) {
            Tensor y = x.conv2d(w, Conv2dSpec.of(1, 1));
            bh.consume(Autograd.grad(y, gy, false, x, w));
        }
    }

    @Benchmark
    public void rawForward(Blackhole bh) {
        Nd4j.getExecutioner().exec(DynamicCustomOp.builder("conv2d").addInputs(rx, rw).addOutputs(ry)
                .addIntegerArguments(ARGS).build());
        bh.consume(ry);
    }

    @Benchmark
    public void rawForwardBackward(Blackhole bh) {
        Nd4j.getExecutioner().exec(DynamicCustomOp.builder("conv2d").addInputs(rx, rw).addOutputs(ry)
                .addIntegerArguments(ARGS).build());
        Nd4j.getExecutioner().exec(DynamicCustomOp.builder("conv2d_bp").addInputs(rx, rw, rgy).addOutputs(rgx, rgw)
                .addIntegerArguments(ARGS).build());
        bh.consume(rgx);
        bh.consume(rgw);
    }
}
