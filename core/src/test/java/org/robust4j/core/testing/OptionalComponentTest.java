package org.robust4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class OptionalComponentTest {

    @Test
    void aComponentIsRequiredByItsKeyOrByAll() {
        assertThat(OptionalComponent.OPENCL.requiredBy("opencl")).isTrue();
        assertThat(OptionalComponent.OPENCL.requiredBy(" numpy , OpenCL ")).isTrue();
        assertThat(OptionalComponent.OPENCL.requiredBy("all")).isTrue();
        assertThat(OptionalComponent.OPENCL.requiredBy("numpy,fashion-mnist")).isFalse();
        assertThat(OptionalComponent.OPENCL.requiredBy("")).isFalse();
        assertThat(OptionalComponent.OPENCL.requiredBy(null)).isFalse();
    }

    @Test
    void theSkipMessageNamesTheComponentAndItsDebianPackage() {
        assertThat(OptionalComponent.FASHION_MNIST.missingMessage("no file"))
                .contains("Fashion-MNIST", "apt-get install dataset-fashion-mnist", "no file");
        assertThat(OptionalComponent.OPENCL.missingMessage("libOpenCL.so.1 not found"))
                .contains("OpenCL", "pocl-opencl-icd", "libOpenCL.so.1 not found");
    }

    @Test
    void aMissingComponentSkipsUnlessRequired() {
        OptionalComponent c = OptionalComponent.NUMPY;
        c.assumePresent(true, "never shown");
        if (c.required()) {
            assertThatThrownBy(() -> c.assume("absent")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining(OptionalComponent.REQUIRE_ENV);
        } else {
            assertThatThrownBy(() -> c.assume("absent")).isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("python3-numpy");
        }
    }
}
