package org.robust4j.certify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.robust4j.certify.smoothing.CertifyRecord;
import org.robust4j.certify.smoothing.NoiseDistribution;
import org.robust4j.certify.smoothing.SmoothedClassifier;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * CERTIFY throughput on the peer's model (a), side by side with {@code bench_smoothing.py}
 * (not a test; run it by hand):
 *
 * <pre>
 * cp -r /work/shared/peer /tmp/peerc && cd /tmp/peerc && /usr/bin/python3 gen_fixtures.py
 * OMP_NUM_THREADS=2 /usr/bin/python3 bench_smoothing.py --out /tmp/peerc/results/bench_smoothing.json
 * OMP_NUM_THREADS=2 java -cp ... org.robust4j.certify.bench.SmoothingThroughputBench /tmp/peerc/fixtures \
 *     /tmp/peerc/results/bench_smoothing.json [n] [batch]
 * </pre>
 *
 * Same settings as the peer: sigma 0.25, n0 = 100, n = 10,000, batch 1000, alpha 0.001, the
 * 10 inputs of {@code smoothing_inputs.bin}, one untimed warm-up certify on the mean image.
 * Prints noisy forward passes per second (median over inputs), the ratio to the peer, the clean
 * logits against the peer's float32/float64 references, and a statistical comparison of the
 * counts (both nA are Binomial(n, pA) draws, so their difference over its standard error
 * should look standard normal).
 */
public final class SmoothingThroughputBench {
    private SmoothingThroughputBench() {}

    public static void main(String[] args) throws IOException {
        Path fixtures = Path.of(args.length > 0 ? args[0] : "/tmp/peerc/fixtures");
        Path peerJson = args.length > 1 ? Path.of(args[1]) : null;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        double sigma = 0.25;
        Backend b = Backends.create("nd4j");
        System.out.println("backend " + b.info());

        Sequential model = PeerModelA.load(b, fixtures.resolve("model_a"), DType.FLOAT32);
        Sequential model64 = PeerModelA.load(b, fixtures.resolve("model_a"), DType.FLOAT64);
        float[] xs = PeerModelA.readF32(fixtures.resolve("smoothing_inputs.bin"), 10 * 784);
        Tensor inputs = Tensor.of(b, xs, 10, 1, 28, 28);
        JsonNode peer = peerJson != null && Files.exists(peerJson) ? new ObjectMapper().readTree(peerJson.toFile()) : null;

        try (GradMode.Restore r = Autograd.noGrad()) {
            double[] l32 = model.forward(inputs).toDoubleArray();
            double[] l64 = model64.forward(inputs.cast(DType.FLOAT64)).toDoubleArray();
            if (peer != null) {
                System.out.printf("clean logits: max |ours f32 - peer f32| = %.3g, max |ours f64 - peer f64| = %.3g, "
                        + "max |ours f32 - peer f64| = %.3g%n", maxDiff(l32, peer.get("reference_clean_logits_f32")),
                        maxDiff(l64, peer.get("reference_clean_logits_f64")), maxDiff(l32, peer.get("reference_clean_logits_f64")));
            }
        }

        SmoothedClassifier g = new SmoothedClassifier(model, NoiseDistribution.gaussian(sigma));
        SmoothingParams p = new SmoothingParams(100, n, 0.001, batch, 20240601L + 31);
        profileOneBatch(model, inputs.select(0, 0), sigma, batch);

        // Warm-up on the mean image, as the peer does.
        g.certify(inputs.mean(0), -1, 1_000_000, p.withN(Math.min(n, 2000)));
        List<CertifyRecord> records = new ArrayList<>();
        List<Double> clean = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double waited = CpuMeter.waitQuiet(30);
            CpuMeter m = CpuMeter.start();
            records.add(g.certify(inputs.select(0, i), -1, i, p));
            m.stop();
            all.add(m.wallSeconds());
            if (m.clean()) {
                clean.add(m.wallSeconds());
            }
            CertifyRecord rec = records.get(i);
            System.out.printf("input %d: pred %d  nA %d  pA_lower %.6f  radius %.6f  %.3fs  other-cpu %.2f  waited %.1fs%n",
                    i, rec.prediction(), rec.nA(), rec.pALower(), rec.radius(), m.wallSeconds(), m.otherCores(), waited);
        }
        double median = median(clean.isEmpty() ? all : clean);
        double ours = (100 + n) / median;
        System.out.printf("robust4j: %.4f s per input (median over %d clean inputs%s), %.0f noisy forward passes/s%n",
                median, clean.size(), clean.isEmpty() ? ", CONTENDED: median over all" : "", ours);
        if (peer != null) {
            double theirs = peer.get("noisy_forward_samples_per_s").asDouble();
            System.out.printf("peer (PyTorch): %.4f s per input, %.0f passes/s, contended=%s%n",
                    peer.get("seconds_per_input_median").asDouble(), theirs, peer.get("contended").asBoolean());
            System.out.printf("ratio robust4j / PyTorch = %.3f%n", ours / theirs);
            // Fastest input on each side: a contention-robust proxy when few inputs ran on a quiet machine.
            double peerBest = Double.POSITIVE_INFINITY;
            for (JsonNode v : peer.get("seconds_per_input_all")) {
                peerBest = Math.min(peerBest, v.asDouble());
            }
            double oursBest = all.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            System.out.printf("fastest input: robust4j %.3f s (%.0f passes/s), PyTorch %.3f s (%.0f passes/s), ratio %.3f%n",
                    oursBest, (100 + n) / oursBest, peerBest, (100 + n) / peerBest, peerBest / oursBest);
            compareCertificates(records, peer, n);
        }
    }

    /** Where one batch's time goes: noise, the forward pass, the argmax and its host copy. */
    private static void profileOneBatch(Sequential model, Tensor x, double sigma, int batch) {
        NoiseDistribution noise = NoiseDistribution.gaussian(sigma);
        Shape shape = Shape.of(batch).append(x.shape().toArray());
        int reps = 8;
        double tNoise = 0;
        double tForward = 0;
        double tArgmax = 0;
        for (int rep = 0; rep < reps + 2; rep++) {
            try (Scope s = Scope.open(); GradMode.Restore r = Autograd.noGrad()) {
                long t0 = System.nanoTime();
                Tensor noisy = noise.sample(x.backend(), x.dtype(), shape, rep);
                noisy.applyInPlace(org.robust4j.core.backend.BinaryOp.ADD, x);
                long t1 = System.nanoTime();
                Tensor logits = model.forward(noisy);
                long t2 = System.nanoTime();
                logits.argMax(1).toLongArray();
                long t3 = System.nanoTime();
                if (rep >= 2) {
                    tNoise += (t1 - t0) / 1e6 / reps;
                    tForward += (t2 - t1) / 1e6 / reps;
                    tArgmax += (t3 - t2) / 1e6 / reps;
                }
            }
        }
        System.out.printf("one batch of %d: noise %.2f ms, forward %.2f ms, argmax+copy %.2f ms%n", batch, tNoise,
                tForward, tArgmax);
    }

    private static void compareCertificates(List<CertifyRecord> ours, JsonNode peer, int n) {
        JsonNode rows = peer.get("per_input");
        int samePrediction = 0;
        double sumZ2 = 0;
        for (int i = 0; i < ours.size(); i++) {
            JsonNode row = rows.get(i);
            CertifyRecord r = ours.get(i);
            int theirPred = row.get("prediction").asInt();
            long theirNA = row.get("nA").asLong();
            if (theirPred == r.prediction()) {
                samePrediction++;
            }
            // Both nA ~ Binomial(n, pA) with the same pA (when both chose the same candidate).
            double pHat = (r.nA() + theirNA) / (2.0 * n);
            double se = Math.sqrt(2 * n * pHat * (1 - pHat));
            double z = se == 0 ? 0 : (r.nA() - theirNA) / se;
            sumZ2 += z * z;
            System.out.printf("input %d: prediction ours %d peer %d | nA ours %d peer %d (z = %+.2f) | radius ours %.4f peer %.4f%n",
                    i, r.prediction(), theirPred, r.nA(), theirNA, z, r.radius(), row.get("radius").asDouble());
        }
        // Sum of z^2 over 10 inputs ~ chi-square(10) when the two agree in distribution (99.9% quantile 29.6).
        System.out.printf("same prediction on %d/%d inputs; sum z^2 = %.2f (chi2(10): 99.9%% quantile 29.59)%n",
                samePrediction, ours.size(), sumZ2);
    }

    private static double maxDiff(double[] ours, JsonNode ref) {
        double m = 0;
        int k = 0;
        for (JsonNode row : ref) {
            for (JsonNode v : row) {
                m = Math.max(m, Math.abs(ours[k++] - v.asDouble()));
            }
        }
        return m;
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
