package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Building kernel programs: an error in the source fails at once with the compiler's log, while a
 * failure of the driver's temporary files (seen on CI: PoCL lost a file in a shared
 * {@code POCL_CACHE_DIR}) is recognised as transient and built again.
 */
class ProgramBuildTest {

    @Test
    void sourceErrorsFailOnceWithTheCompilerLog() {
        try (OpenClBackend b = OpenClTestBackends.create()) {
            assertThatThrownBy(() -> new ClProgram(b.cl(), "broken.cl",
                    "__kernel void broken(__global float* x) { x[0] = undefined_name; }", ""))
                    .isInstanceOf(OpenClException.class)
                    .hasMessageContaining("broken.cl")
                    .hasMessageContaining("undefined_name")
                    .hasMessageNotContaining("attempts");
        }
    }

    @Test
    void aValidProgramBuilds() {
        try (OpenClBackend b = OpenClTestBackends.create();
                ClProgram p = new ClProgram(b.cl(), "ok.cl", "__kernel void ok(__global float* x) { x[0] = 1.0f; }", "")) {
            assertThat(p.name).isEqualTo("ok.cl");
        }
    }

    @Test
    void driverFileFailuresAreTransientButSourceErrorsAreNot() {
        String ciLog = "error: <invalid loc>: unable to rename temporary "
                + "'/tmp/robust4j-pocl-cache/tempfile_tVkbQQ.preproc-e2a6fa5c.cl.tmp' to output file "
                + "'/tmp/robust4j-pocl-cache/tempfile_tVkbQQ.preproc.cl': 'No such file or directory'\n"
                + "Device pthread-skylake-avx512-AMD EPYC failed to build the program";
        assertThat(ClProgram.isTransientBuildFailure(ciLog)).isTrue();
        assertThat(ClProgram.isTransientBuildFailure(
                "<source>:1:45: error: use of undeclared identifier 'undefined_name'")).isFalse();
        assertThat(ClProgram.isTransientBuildFailure(
                "<source>:3:10: fatal error: 'missing.h' file not found")).isFalse();
        assertThat(ClProgram.isTransientBuildFailure("")).isFalse();
    }
}
