package org.robust4j.certify;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.certify.curve.CertifiedSample;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.util.ProgressListener;

/** Runs a {@link SampleCertifier} over the rows of a tensor, each sample inside its own memory scope. */
public final class Certification {
    private Certification() {}

    /** The records and the wall-clock seconds they took. */
    public record Run<R extends CertifiedSample>(List<R> records, double seconds) {}

    /**
     * Certifies every row of {@code inputs [N, ...]}; row {@code i} is sample {@code firstIndex + i}.
     *
     * @param labels true labels (length N), or null
     */
    public static <R extends CertifiedSample> Run<R> run(SampleCertifier<R> certifier, Tensor inputs, int[] labels,
                                                         long firstIndex) {
        return run(certifier, inputs, labels, firstIndex, ProgressListener.NONE);
    }

    /** {@link #run(SampleCertifier, Tensor, int[], long)}, telling {@code progress} after every sample. */
    public static <R extends CertifiedSample> Run<R> run(SampleCertifier<R> certifier, Tensor inputs, int[] labels,
                                                         long firstIndex, ProgressListener progress) {
        checkArgument(labels == null || labels.length == inputs.dim(0), "Certification: %s labels for %s inputs",
                labels == null ? 0 : labels.length, inputs.dim(0));
        long t0 = System.nanoTime();
        List<R> out = new ArrayList<>(inputs.dim(0));
        for (int i = 0; i < inputs.dim(0); i++) {
            try (Scope s = Scope.open()) {
                out.add(certifier.certify(inputs.select(0, i), labels == null ? -1 : labels[i], firstIndex + i));
            }
            progress.progress(i + 1, inputs.dim(0));
        }
        return new Run<>(out, (System.nanoTime() - t0) / 1e9);
    }
}
