package org.robust4j.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.io.HostTensor;
import org.robust4j.core.io.Safetensors;
import org.robust4j.core.tensor.Shape;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.ProgressLines;
import org.robust4j.experiments.testing.TestBackends;

/**
 * {@code robust4j spectral-norm} end to end: files written here, values against EJML's SVD of
 * the operator matrix built here by explicit loops, and the exit codes of bad input.
 */
class SpectralNormCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void needsBackend() {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend cannot run here");
    }

    @Test
    void denseWeightFromSafetensorsMatchesSvd(@TempDir Path dir) throws IOException {
        Random rnd = new Random(1);
        double[] w = gaussian(rnd, 7 * 5);
        Path file = dir.resolve("w.safetensors");
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("fc.weight", HostTensor.ofDoubles(Shape.of(7, 5), w));
        tensors.put("fc.bias", HostTensor.ofDoubles(Shape.of(7), gaussian(rnd, 7)));
        Safetensors.saveHost(file, tensors, Map.of());
        double truth = largestSingularValue(new DMatrixRMaj(7, 5, true, w));

        JsonNode exact = json("--weights", file.toString(), "--tensor", "fc.weight", "--input-size", "99",
                "--method", "exact", "--dtype", "f64", "--json");
        assertThat(exact.get("method").asText()).isEqualTo("exact");
        assertThat(exact.get("kind").asText()).isEqualTo("exact");
        assertThat(exact.get("dtype").asText()).isEqualTo("f64");
        assertThat(exact.get("seconds").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(exact.get("value").asDouble()).isCloseTo(truth, within(1e-9 * truth));

        JsonNode gram = json("--weights", file.toString(), "--tensor", "fc.weight", "--method", "gram",
                "--iterations", "8", "--dtype", "f64", "--json");
        assertThat(gram.get("kind").asText()).isEqualTo("upper");
        assertThat(gram.get("iterations").asInt()).isEqualTo(8);
        assertThat(gram.get("value").asDouble()).isGreaterThanOrEqualTo(truth * (1 - 1e-12))
                .isLessThan(truth * 1.01);

        JsonNode power = json("--weights", file.toString(), "--tensor", "fc.weight", "--method", "power",
                "--iterations", "3", "--json");
        assertThat(power.get("kind").asText()).isEqualTo("estimate");
        assertThat(power.get("dtype").asText()).isEqualTo("f32");
        assertThat(power.get("value").asDouble()).isLessThanOrEqualTo(truth * (1 + 1e-5)).isPositive();
    }

    @Test
    void convKernelFromNpyMatchesSvdOfTheExplicitOperator(@TempDir Path dir) throws IOException {
        int co = 3, ci = 2, kh = 3, kw = 5, h = 5, w = 6; // odd kernel sides: "same" circular padding keeps the size
        double[] k = gaussian(new Random(2), co * ci * kh * kw);
        Path file = dir.resolve("kernel.npy");
        writeNpy(file, k, co, ci, kh, kw);

        double circular = largestSingularValue(operator(k, co, ci, kh, kw, h, w, 1, true));
        JsonNode exact = json("--weights", file.toString(), "--input-size", h + "x" + w, "--padding", "circular",
                "--method", "exact", "--dtype", "f64", "--json");
        assertThat(exact.get("kind").asText()).isEqualTo("exact");
        assertThat(exact.get("value").asDouble()).isCloseTo(circular, within(1e-9 * circular));

        JsonNode gram = json("--weights", file.toString(), "--input-size", h + "x" + w, "--method", "gram",
                "--dtype", "f64", "--json");
        assertThat(gram.get("value").asDouble()).isGreaterThanOrEqualTo(circular * (1 - 1e-12))
                .isLessThan(circular * 1.01);

        // Zero padding and stride 2: every upper bound must hold for the operator actually applied.
        double zeroStrided = largestSingularValue(operator(k, co, ci, kh, kw, h, w, 2, false));
        for (String method : new String[] {"exact", "gram", "spatial-gram", "lipbound", "singla-feizi"}) {
            JsonNode r = json("--weights", file.toString(), "--input-size", h + "x" + w, "--padding", "zero",
                    "--stride", "2", "--method", method, "--dtype", "f64", "--json");
            assertThat(r.get("kind").asText()).as(method).isIn("exact", "upper");
            if (r.get("kind").asText().equals("exact")) {
                assertThat(r.get("value").asDouble()).as(method).isCloseTo(zeroStrided, within(1e-9 * zeroStrided));
            } else {
                assertThat(r.get("value").asDouble()).as(method).isGreaterThanOrEqualTo(zeroStrided * (1 - 1e-9));
            }
        }
        JsonNode power = json("--weights", file.toString(), "--input-size", h + "x" + w, "--padding", "zero",
                "--stride", "2", "--method", "power", "--dtype", "f64", "--json");
        assertThat(power.get("kind").asText()).isEqualTo("estimate");
        assertThat(power.get("value").asDouble()).isLessThanOrEqualTo(zeroStrided * (1 + 1e-9));

        // Without --json: one line naming the method and the kind.
        CliRun text = CliRun.of("spectral-norm", "--weights", file.toString(), "--input-size", "5x6", "--method", "exact");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().trim()).startsWith("exact ").contains("(exact,").doesNotContain("\n");
    }

    /** The estimators report each squaring or power step; the bar or lines go to standard error, not into --json. */
    @Test
    void showsTheSquaringsOrStepsAsTheyRun(@TempDir Path dir) throws IOException {
        Path npy = dir.resolve("k.npy");
        writeNpy(npy, gaussian(new Random(3), 4 * 3 * 3 * 3), 4, 3, 3, 3);
        try (ProgressLines lines = ProgressLines.capture()) {
            JsonNode gram = json("--weights", npy.toString(), "--input-size", "8", "--method", "gram", "--iterations", "5",
                    "--json");
            assertThat(gram.get("iterations").asInt()).isEqualTo(5);
            json("--weights", npy.toString(), "--input-size", "8", "--method", "power", "--iterations", "12", "--json");
            json("--weights", npy.toString(), "--input-size", "8", "--method", "spatial-gram", "--iterations", "2", "--json");
            assertThat(lines.get()).contains("spectral-norm gram: started (5 squarings)",
                    "spectral-norm power: started (12 power steps)", "spectral-norm spatial-gram: started (2 squarings)")
                    .anyMatch(l -> l.startsWith("spectral-norm gram: 5/5 squarings done in "))
                    .anyMatch(l -> l.startsWith("spectral-norm power: 12/12 power steps done in "))
                    .anyMatch(l -> l.startsWith("spectral-norm spatial-gram: 2/2 squarings done in "));
        }
    }

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path dir) throws IOException {
        Path st = dir.resolve("w.safetensors");
        Safetensors.saveHost(st, Map.of("a", HostTensor.ofDoubles(Shape.of(2, 2, 2), new double[8]),
                "b", HostTensor.ofDoubles(Shape.of(2, 2), new double[4])), Map.of());
        Path npy = dir.resolve("k.npy");
        writeNpy(npy, new double[2 * 2 * 3 * 3], 2, 2, 3, 3);
        Path garbage = dir.resolve("garbage.safetensors");
        Files.writeString(garbage, "this is not a tensor file at all");

        assertFails("no such file", "--weights", dir.resolve("missing.safetensors").toString(), "--tensor", "a",
                "--method", "exact");
        assertFails(garbage.toString(), "--weights", garbage.toString(), "--tensor", "a", "--method", "exact");
        CliRun missing = assertFails("no tensor 'c'", "--weights", st.toString(), "--tensor", "c", "--method", "exact");
        assertThat(missing.err()).contains("a, b");
        assertFails("[2, 2, 2]", "--weights", st.toString(), "--tensor", "a", "--method", "exact");
        assertFails("--input-size", "--weights", npy.toString(), "--method", "gram");
        assertFails("--input-size", "--weights", npy.toString(), "--input-size", "0x3", "--method", "gram");
        assertFails("nope", "--weights", npy.toString(), "--input-size", "4", "--method", "nope");
        assertFails("--dtype", "--weights", npy.toString(), "--input-size", "4", "--method", "gram", "--dtype", "f16");
        assertFails("--padding", "--weights", npy.toString(), "--input-size", "4", "--method", "gram",
                "--padding", "reflect");
        assertFails("dense", "--weights", st.toString(), "--tensor", "b", "--method", "lipbound");
    }

    private static CliRun assertFails(String messagePart, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "spectral-norm";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun run = CliRun.of(full);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.err()).contains(messagePart);
        assertThat(run.out()).isEmpty();
        return run;
    }

    private static JsonNode json(String... args) throws IOException {
        String[] full = new String[args.length + 1];
        full[0] = "spectral-norm";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun run = CliRun.of(full);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().trim().lines()).hasSize(1);
        return JSON.readTree(run.out());
    }

    /**
     * The matrix of {@code y[o,i,j] = sum K[o,c,u,v] x~[c, s i + u - kh/2, s j + v - kw/2]}
     * (x~ periodic or zero-extended), one entry per kernel tap.
     */
    private static DMatrixRMaj operator(double[] k, int co, int ci, int kh, int kw, int h, int w, int s,
                                        boolean circular) {
        int ph = kh / 2, pw = kw / 2;
        int oh = (h + 2 * ph - kh) / s + 1, ow = (w + 2 * pw - kw) / s + 1;
        DMatrixRMaj m = new DMatrixRMaj(co * oh * ow, ci * h * w);
        for (int o = 0; o < co; o++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int row = (o * oh + i) * ow + j;
                    for (int c = 0; c < ci; c++) {
                        for (int u = 0; u < kh; u++) {
                            for (int v = 0; v < kw; v++) {
                                int y = s * i + u - ph, x = s * j + v - pw;
                                if (circular) {
                                    y = Math.floorMod(y, h);
                                    x = Math.floorMod(x, w);
                                } else if (y < 0 || y >= h || x < 0 || x >= w) {
                                    continue;
                                }
                                int col = (c * h + y) * w + x;
                                m.add(row, col, k[((o * ci + c) * kh + u) * kw + v]);
                            }
                        }
                    }
                }
            }
        }
        return m;
    }

    private static double largestSingularValue(DMatrixRMaj m) {
        double best = 0;
        for (double s : SingularOps_DDRM.singularValues(m.copy())) {
            best = Math.max(best, s);
        }
        return best;
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    /** A version-1.0 little-endian float64 .npy file, written by hand (independent of the reader under test). */
    private static void writeNpy(Path file, double[] values, int... shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            b.putDouble(v);
        }
        Files.write(file, b.array());
    }
}
