package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import org.jocl.CL;
import org.junit.jupiter.api.Test;

/** OpenCL error codes are named on any machine, and the names are the ones the driver library gives. */
class ErrorNameTest {

    @Test
    void codesFromTheSpecificationAreNamedWithoutADriver() {
        // Values from the Khronos cl.h header (OpenCL 1.2 / 2.0).
        assertThat(Cl.errorName(-1)).isEqualTo("CL_DEVICE_NOT_FOUND");
        assertThat(Cl.errorName(-4)).isEqualTo("CL_MEM_OBJECT_ALLOCATION_FAILURE");
        assertThat(Cl.errorName(-5)).isEqualTo("CL_OUT_OF_RESOURCES");
        assertThat(Cl.errorName(-11)).isEqualTo("CL_BUILD_PROGRAM_FAILURE");
        assertThat(Cl.errorName(-30)).isEqualTo("CL_INVALID_VALUE");
        assertThat(Cl.errorName(-54)).isEqualTo("CL_INVALID_WORK_GROUP_SIZE");
        assertThat(Cl.errorName(-70)).isEqualTo("CL_INVALID_DEVICE_QUEUE");
        assertThat(Cl.errorName(-1001)).isEqualTo("CL_PLATFORM_NOT_FOUND_KHR");
        assertThat(Cl.errorName(-20)).isEqualTo("unknown OpenCL error");
    }

    @Test
    void everyNameAgreesWithJoclsNativeTable() {
        OpenClTestBackends.assumeAvailable();
        for (int code = -1; code >= -70; code--) {
            String ours = Cl.errorName(code);
            if (!ours.startsWith("unknown")) {
                assertThat(ours).as("code %d", code).isEqualTo(CL.stringFor_errorCode(code));
            }
        }
    }
}
