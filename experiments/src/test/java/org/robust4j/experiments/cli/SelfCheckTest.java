package org.robust4j.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.experiments.testing.TestBackends;

class SelfCheckTest {

    @Test
    void theDefaultBackendPassesEveryCheck() {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is not on the class path");
        try (Backend backend = CompositionRoot.backend(TestBackends.DEFAULT)) {
            List<SelfCheck.Check> checks = SelfCheck.run(backend, new Generator(7));
            assertThat(checks).extracting(SelfCheck.Check::name).contains("matmul", "matmul backward", "conv2d",
                    "conv2d backward (input)", "conv2d backward (kernel)");
            assertThat(checks).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
        }
    }
}
