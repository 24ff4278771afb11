package org.robust4j.opencl;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Optional;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendProvider;

/**
 * Registers the OpenCL backend under the name {@code opencl}. This class refers to no JOCL type,
 * so it loads on any machine; {@link #unavailableReason()} probes the driver once and turns a
 * missing library or an empty platform list into a message saying what to install, and the
 * other backends keep working.
 */
public final class OpenClProvider implements BackendProvider {
    static final String JOCL_VERSION = "2.0.6";
    static final String INSTALL_HINT = "Install an OpenCL driver and the ICD loader: on Debian/Ubuntu"
            + " `apt-get install ocl-icd-libopencl1 pocl-opencl-icd` (PoCL runs OpenCL on the CPU), or your GPU"
            + " vendor's driver (NVIDIA: the driver's OpenCL ICD, e.g. nvidia-opencl-icd; AMD: ROCm or"
            + " mesa-opencl-icd; Intel: intel-opencl-icd). `clinfo` should then list a device.";

    private static volatile Optional<String> probe;

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String description() {
        return "GPU: OpenCL 1.2 C kernels through JOCL " + JOCL_VERSION + " (NVIDIA, AMD, Intel GPUs; PoCL on CPUs)";
    }

    @Override
    public Optional<String> unavailableReason() {
        Optional<String> p = probe;
        if (p == null) {
            probe = p = probe();
        }
        return p;
    }

    /** Loads JOCL and lists the devices; any failure (no libOpenCL, no platform, no device) is a reason. */
    static Optional<String> probe() {
        try {
            List<?> devices = DeviceProbe.devices();
            return devices.isEmpty() ? Optional.of("no OpenCL platform or device found. " + INSTALL_HINT) : Optional.empty();
        } catch (LinkageError e) {
            return Optional.of("the OpenCL library could not be loaded (" + e.getMessage() + "). " + INSTALL_HINT);
        } catch (RuntimeException e) {
            return Optional.of("OpenCL did not answer (" + e.getMessage() + "). " + INSTALL_HINT);
        }
    }

    @Override
    public Backend create(Config config) {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException("backend 'opencl' cannot run here: " + why);
        });
        return new OpenClBackend(OpenClOptions.from(config));
    }

    /** Kept apart so that loading the provider does not load JOCL. */
    private static final class DeviceProbe {
        static List<?> devices() {
            return Devices.all();
        }
    }
}
