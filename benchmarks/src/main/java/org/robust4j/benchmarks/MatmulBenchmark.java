package org.robust4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

/**
 * Frontend overhead on matrix products: {@code Tensor.matmul} (shape checks, autograd bookkeeping,
 * a pooled output, a scope) against the raw ND4J call into a preallocated output, and against
 * ND4J's own allocating {@code mmul}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class MatmulBenchmark {
    @Param({"256", "1024"})
    public int n;

    private Backend backend;
    private Tensor a;
    private Tensor b;
    private INDArray ra;
    private INDArray rb;
    private INDArray rc;

    @Setup(Level.Trial)
    public void setup() {
        backend = Backends.create("nd4j");
        Generator g = new Generator(1);
        a = Tensor.randn(backend, g, DType.FLOAT32, n, n);
        b = Tensor.randn(backend, g, DType.FLOAT32, n, n);
        ra = Nd4j.rand(DataType.FLOAT, n, n);
        rb = Nd4j.rand(DataType.FLOAT, n, n);
        rc = Nd4j.create(DataType.FLOAT, n, n);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public void frontendTensor(Blackhole bh) {
        try (org.robust4j.core.tensor.Scope s = org.robust4j.core.tensor.Scope.open()) {
            bh.consume(a.matmul(b));
        }
    }

    @Benchmark
    public void rawNd4jGemmPreallocated(Blackhole bh) {
        bh.consume(Nd4j.gemm(ra, rb, rc, false, false, 1.0, 0.0));
    }

    @Benchmark
    public void rawNd4jMmulAllocating(Blackhole bh) {
        INDArray c = ra.mmul(rb);
        bh.consume(c);
        c.close();
    }
}
