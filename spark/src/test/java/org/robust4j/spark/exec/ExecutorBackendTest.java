package org.robust4j.spark.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.inject.Robust4j;
import org.robust4j.spark.certify.CertifyMethod;
import org.robust4j.spark.certify.DistributedCertification;
import org.robust4j.spark.support.TestFixtures;

/** Executors build the backend robust4j.backend names, so GPU nodes run the OpenCL backend. */
class ExecutorBackendTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestFixtures.spark("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void withoutANameTheExecutorsConfigurationChoosesTheBackend() {
        assumeTrue(Backends.provider("opencl").unavailableReason().isEmpty(), "no OpenCL device");
        String before = System.getProperty(Robust4j.BACKEND_KEY);
        System.setProperty(Robust4j.BACKEND_KEY, "opencl");
        ConfigFactory.invalidateCaches();
        try {
            assertThat(ExecutorResources.backend(null).name()).isEqualTo("opencl");
        } finally {
            if (before == null) {
                System.clearProperty(Robust4j.BACKEND_KEY);
            } else {
                System.setProperty(Robust4j.BACKEND_KEY, before);
            }
            ConfigFactory.invalidateCaches();
        }
        assertThat(ExecutorResources.backend(null).name()).isEqualTo(Robust4j.backendName(Robust4j.config()));
    }

    @Test
    void certificationOnTheOpenClBackendGivesThatBackendsSingleMachineRecords(@TempDir Path out) throws IOException {
        assumeTrue(Backends.provider("opencl").unavailableReason().isEmpty(), "no OpenCL device");
        DistributedCertification job = new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 0,
                12, new CertifyMethod.Smoothing("gaussian", 0.25, 10, 100, 0.01, 50, 9), "opencl", 4);
        DistributedCertification.Result r = job.run(spark, out);
        Backend opencl = ExecutorResources.backend("opencl");
        List<Record> local = job.runLocally(opencl);
        assertThat(r.records()).containsExactlyElementsOf(local);
        assertThat(r.summary().get("backend")).isEqualTo("opencl");
    }
}
