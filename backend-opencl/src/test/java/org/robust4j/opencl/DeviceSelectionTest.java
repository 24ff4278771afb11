package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device selection by configuration, what {@code info()} shows, and the message when there is no driver. */
class DeviceSelectionTest {
    private List<DeviceInfo> devices;

    @BeforeEach
    void enumerate() {
        OpenClTestBackends.assumeAvailable();
        devices = Devices.all();
    }

    @Test
    void defaultIsTheFirstGpuElseTheFirstDevice() {
        DeviceInfo d = Devices.select(devices, "", "");
        DeviceInfo firstGpu = devices.stream().filter(DeviceInfo::gpu).findFirst().orElse(null);
        assertThat(d).isEqualTo(firstGpu != null ? firstGpu : devices.get(0));
    }

    @Test
    void byIndexOrNameSubstring() {
        DeviceInfo first = devices.get(0);
        assertThat(Devices.select(devices, "", "0")).isEqualTo(first);
        String part = first.name().substring(0, Math.min(6, first.name().length())).toUpperCase(Locale.ROOT);
        assertThat(Devices.select(devices, "", part)).as("case-insensitive substring").isEqualTo(first);
        assertThat(Devices.select(devices, "0", "")).isEqualTo(first);
        assertThat(Devices.select(devices, first.platformName().substring(0, 3), "0")).isEqualTo(first);
    }

    @Test
    void noMatchListsTheDevices() {
        assertThatThrownBy(() -> Devices.select(devices, "", "no-such-device"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("no device matches", "no-such-device", devices.get(0).name());
        assertThatThrownBy(() -> Devices.select(devices, "no-such-platform", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("no platform matches", devices.get(0).name());
        assertThatThrownBy(() -> Devices.select(devices, "", String.valueOf(devices.size())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noDeviceSaysWhatToInstall() {
        assertThatThrownBy(() -> Devices.select(List.of(), "", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("no OpenCL device", "ocl-icd-libopencl1", "pocl-opencl-icd");
        assertThat(OpenClProvider.INSTALL_HINT).contains("ocl-icd-libopencl1", "pocl-opencl-icd", "NVIDIA");
    }

    @Test
    void configurationSelectsTheDeviceAndCapsItsLimits() {
        DeviceInfo first = devices.get(0);
        String conf = "robust4j.opencl { device = \"" + first.name().substring(0, 4) + "\"\n"
                + " max-work-group-size = 64\n local-memory-kib = 16 }";
        OpenClOptions o = OpenClOptions.from(ConfigFactory.parseString(conf));
        assertThat(o.device()).isEqualTo(first.name().substring(0, 4));
        try (OpenClBackend b = new OpenClBackend(o)) {
            Map<String, String> info = b.info();
            assertThat(info.get("device")).isEqualTo(first.name());
            assertThat(info.get("work_group_size_used")).isEqualTo(String.valueOf(Math.min(64, first.maxWorkGroupSize())));
            assertThat(info.get("local_memory_used_kib")).isEqualTo(String.valueOf(Math.min(16, first.localMemBytes() >> 10)));
        }
    }

    @Test
    void infoListsDeviceMemoryFp64AndLimits() {
        try (OpenClBackend b = OpenClTestBackends.create()) {
            Map<String, String> info = b.info();
            assertThat(info).containsKeys("platform", "device", "vendor", "global_memory_mib", "local_memory_kib",
                    "max_work_group_size", "fp64", "compute_units", "gemm_tiles", "devices");
            DeviceInfo d = b.device();
            assertThat(info.get("max_work_group_size")).isEqualTo(String.valueOf(d.maxWorkGroupSize()));
            assertThat(info.get("fp64")).isEqualTo(String.valueOf(d.fp64()));
            assertThat(info.get("devices")).contains(d.name());
            assertThat(d.maxWorkGroupSize()).isPositive();
            assertThat(d.localMemBytes()).isPositive();
        }
    }

    @Test
    void badGemmTileIsRefusedClearly() {
        assertThatThrownBy(() -> new OpenClBackend(OpenClOptions.defaults().withGemmTile("big")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gemm-tile");
    }
}
