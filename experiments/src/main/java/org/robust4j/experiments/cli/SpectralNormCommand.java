package org.robust4j.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.io.FileFormatException;
import org.robust4j.core.io.HostTensor;
import org.robust4j.core.io.Npy;
import org.robust4j.core.io.Safetensors;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.util.ProgressListener;
import org.robust4j.core.util.ProgressScope;
import org.robust4j.core.util.ResidentMemory;
import org.robust4j.experiments.report.Progress;
import org.robust4j.layers.lipschitz.SpectralNorm;
import org.robust4j.layers.lipschitz.SpectralNormMethod;
import org.robust4j.layers.lipschitz.SpectralNorms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code robust4j spectral-norm}: the spectral norm of one weight tensor (a 2-D dense weight or a
 * 4-D {@code [c_out, c_in, kh, kw]} kernel with "same" padding {@code kh/2, kw/2}) from a
 * safetensors or {@code .npy} file, by one of the {@link SpectralNormMethod}s. Prints one line,
 * or with {@code --json} one object
 * {@code {"method", "value", "kind": "exact|upper|estimate", "iterations", "dtype", "seconds", "peak_rss_mib"}}.
 * A missing or unreadable file, a tensor name the file lacks (the message lists those it has) or
 * a shape the method cannot take exit with code 2 and a one-line message.
 */
@Command(name = "spectral-norm", mixinStandardHelpOptions = true,
        description = "Spectral norm (l2 Lipschitz constant) of a dense weight or a convolution kernel read from a"
                + " safetensors or .npy file.")
final class SpectralNormCommand implements Callable<Integer> {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--weights", paramLabel = "FILE", required = true,
            description = "A safetensors file, or a .npy file holding the one tensor.")
    Path weights;

    @Option(names = "--tensor", paramLabel = "NAME",
            description = "Name of the tensor in the safetensors file (not needed for .npy).")
    String tensor;

    @Option(names = "--input-size", paramLabel = "N[xM]",
            description = "Input height x width of the convolution (N alone: N x N); ignored for dense weights.")
    String inputSize;

    @Option(names = "--padding", paramLabel = "MODE", defaultValue = "circular",
            description = "circular or zero padding of kh/2, kw/2 pixels (default: ${DEFAULT-VALUE}).")
    String padding;

    @Option(names = "--stride", paramLabel = "S", defaultValue = "1", description = "Stride (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--method", paramLabel = "M", required = true,
            description = "gram, power, exact, spatial-gram, lipbound or singla-feizi.")
    String method;

    @Option(names = "--iterations", paramLabel = "T",
            description = "Iterations of the method (Gram squarings, power steps, LipBound grid points); default per method.")
    Integer iterations;

    @Option(names = "--dtype", paramLabel = "D", defaultValue = "f32",
            description = "Arithmetic dtype: f32 or f64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--json", description = "Print one JSON object instead of a line of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // Everything checkable before the file is read, so bad arguments fail fast.
        SpectralNormMethod m;
        DType d;
        PadMode pad;
        try {
            m = SpectralNormMethod.byName(method);
            d = parseDType(dtype);
            pad = parsePadding(padding);
            if (stride < 1) {
                throw new IllegalArgumentException("--stride must be >= 1, got " + stride);
            }
            if (iterations != null && iterations < (m == SpectralNormMethod.EXACT ? 0 : 1)) {
                throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        HostTensor host = read();
        int[] size = host.shape().rank() == 4 ? parseInputSize() : new int[] {1, 1};

        try (Backend backend = CompositionRoot.backend(common.backend()); Scope scope = Scope.open()) {
            Tensor w = host.toTensor(backend);
            SpectralNorm r;
            long t0 = System.nanoTime();
            int steps = m.progressSteps(iterations != null ? iterations : m.defaultIterations());
            String unit = m == SpectralNormMethod.POWER ? "power steps" : "squarings";
            // Not on stdout: with --json the one JSON line stays the only output there.
            try (Progress progress = steps > 0 ? Progress.start("spectral-norm " + m.cliName(), unit, steps) : null;
                 ProgressScope ps = ProgressScope.open(progress != null ? progress : ProgressListener.NONE)) {
                r = SpectralNorms.estimate(w, size[0], size[1], pad, stride, m.cliName(), iterations, d);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            print(r, d, seconds);
            return 0;
        }
    }

    private void print(SpectralNorm r, DType d, double seconds) {
        PrintWriter out = spec.commandLine().getOut();
        String dtypeName = d == DType.FLOAT64 ? "f64" : "f32";
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("method", r.method());
            o.put("value", r.value());
            o.put("kind", r.kind().label());
            o.put("iterations", r.iterations());
            o.put("dtype", dtypeName);
            o.put("seconds", seconds);
            long peak = ResidentMemory.peakMib();
            if (peak >= 0) {
                o.put("peak_rss_mib", peak);
            }
            out.println(o.toString());
        } else {
            out.println(String.format(Locale.ROOT, "%s %.10g (%s, %d iterations, %s, %.4f s)", r.method(), r.value(),
                    r.kind().label(), r.iterations(), dtypeName, seconds));
        }
        out.flush();
    }

    /** The tensor, from a .npy file (recognised by its magic bytes) or a safetensors file. */
    private HostTensor read() {
        try {
            if (isNpy(weights)) {
                return Npy.read(weights);
            }
            Set<String> names = Safetensors.readHeader(weights).tensors().keySet();
            if (tensor == null) {
                throw usage("--tensor is required for the safetensors file " + weights + "; it holds: "
                        + String.join(", ", names));
            }
            if (!names.contains(tensor)) {
                throw usage("no tensor '" + tensor + "' in " + weights + "; it holds: "
                        + (names.isEmpty() ? "(none)" : String.join(", ", names)));
            }
            return Safetensors.loadHostTensor(weights, tensor);
        } catch (NoSuchFileException e) {
            throw usage("no such file: " + weights);
        } catch (FileFormatException e) {
            throw usage(e.getMessage());
        } catch (IOException e) {
            throw usage("cannot read " + weights + ": " + e);
        }
    }

    private static boolean isNpy(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(NPY_MAGIC.length), NPY_MAGIC);
        }
    }

    private int[] parseInputSize() {
        if (inputSize == null) {
            throw usage("--input-size N[xM] is required for a convolution kernel");
        }
        String[] parts = inputSize.toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 1 || parts.length == 2) {
                int h = Integer.parseInt(parts[0].trim());
                int w = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : h;
                if (h > 0 && w > 0) {
                    return new int[] {h, w};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw usage("--input-size must be N or NxM with positive integers, got '" + inputSize + "'");
    }

    private static DType parseDType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "f32", "float32" -> DType.FLOAT32;
            case "f64", "float64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("--dtype must be f32 or f64, got '" + name + "'");
        };
    }

    private static PadMode parsePadding(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "circular" -> PadMode.CIRCULAR;
            case "zero", "zeros" -> PadMode.ZERO;
            default -> throw new IllegalArgumentException("--padding must be circular or zero, got '" + name + "'");
        };
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
