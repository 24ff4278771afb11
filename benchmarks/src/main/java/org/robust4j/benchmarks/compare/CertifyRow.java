package org.robust4j.benchmarks.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.certify.smoothing.CertifyRecord;
import org.robust4j.certify.smoothing.NoiseDistribution;
import org.robust4j.certify.smoothing.SmoothedClassifier;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Cohen et al.'s CERTIFY with the fixtures' small CNN as base classifier: sigma 0.25, n0 = 100,
 * n = 2 000 ({@code --quick}) or 10 000, alpha 0.001, noisy batches of 1 000. Each of the first 5
 * ({@code --quick}) or 20 test images is certified once, each timed on its own; the value is noisy
 * forwards per second, (n0 + n) / the median seconds per image. The check is each image's prediction, nA and radius (nA differs
 * between the sides only by sampling: both are Binomial(n, pA) draws).
 */
final class CertifyRow extends Row {
    static final double SIGMA = 0.25;
    static final int N0 = 100;
    static final double ALPHA = 0.001;
    static final int BATCH = 1000;

    CertifyRow() {
        super("certify-cohen", "forwards/s", true,
                "Cohen CERTIFY on the small CNN, sigma 0.25, n0 100, n 2 000 (quick) / 10 000, batch 1 000");
    }

    @Override
    RowResult run(Bench bench) throws Exception {
        Backend b = bench.backend();
        Fixtures f = bench.requireFixtures();
        Module model = bench.trainedCnn();
        int n = bench.quick() ? 2000 : 10_000;
        int images = bench.quick() ? 5 : 20;
        Tensor x = f.tensor(b, "images");
        int[] labels = f.ints("labels");
        SmoothedClassifier g = new SmoothedClassifier(model, NoiseDistribution.gaussian(SIGMA));
        SmoothingParams p = new SmoothingParams(N0, n, ALPHA, BATCH, 20240601L + 31);
        CertifyRecord[] records = new CertifyRecord[images];
        // Every image once, each call timed on its own; the warm-up certifies the mean image.
        GatedTimer.Timing t = bench.timer().timeEach(images, i -> {
            try (Scope s = Scope.open()) {
                records[i] = g.certify(x.select(0, i), labels[i], i, p);
            }
        }, () -> {
            try (Scope s = Scope.open()) {
                g.certify(x.narrow(0, 0, images).mean(0), -1, 1_000_000, p);
            }
        });
        List<Map<String, Object>> perImage = new ArrayList<>();
        int abstained = 0;
        for (CertifyRecord r : records) {
            if (r == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", r.label());
            m.put("prediction", r.prediction());
            m.put("nA", r.nA());
            m.put("radius", r.radius());
            perImage.add(m);
            abstained += r.abstained() ? 1 : 0;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sigma", SIGMA);
        params.put("n0", N0);
        params.put("n", n);
        params.put("alpha", ALPHA);
        params.put("batch", BATCH);
        params.put("images", images);
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("abstained", abstained);
        check.put("per_image", perImage);
        return RowResult.rate(N0 + n, t, params, check);
    }
}
