package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * Threads sharing one backend each get their own kernel objects (a {@code cl_kernel} holds its
 * arguments, so sharing one mixes up launches): concurrent products and sums come out right.
 */
class ConcurrencyTest {

    @Test
    void threadsLaunchingTheSameKernelsGetTheirOwnResults() throws Exception {
        try (OpenClBackend b = OpenClTestBackends.create()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int id = t;
                    jobs.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            try (Scope s = Scope.open()) {
                                double v = id * 1000 + i;
                                NDArray a = b.full(Shape.of(16, 8), DType.FLOAT32, v);
                                NDArray one = b.full(Shape.of(8, 4), DType.FLOAT32, 1);
                                NDArray c = b.binaryScalar(BinaryOp.ADD, b.matmul(a, one, false, false), 1, false);
                                float[] r = b.toFloats(c);
                                for (float x : r) {
                                    assertThat(x).as("thread %s step %s", id, i).isEqualTo((float) (8 * v + 1));
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : jobs) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
