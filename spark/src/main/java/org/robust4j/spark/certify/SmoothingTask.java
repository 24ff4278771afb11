package org.robust4j.spark.certify;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.certify.smoothing.CertifyRecord;
import org.robust4j.certify.smoothing.NoiseDistribution;
import org.robust4j.certify.smoothing.SmoothedClassifier;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.exec.ItemTask;

/**
 * Cohen et al.'s CERTIFY on each item with {@link SmoothedClassifier}; each item's noise derives
 * from {@code (seed, item index)}, so which partition or machine certifies it does not matter.
 */
record SmoothingTask(CertifyMethod.Smoothing method, int[] itemShape) implements ItemTask<CertifyRecord> {

    @Override
    public Class<CertifyRecord> recordType() {
        return CertifyRecord.class;
    }

    @Override
    public List<CertifyRecord> run(Module model, Backend backend, List<Item> items) {
        NoiseDistribution noise = method.noise();
        SmoothingParams p = method.params();
        SmoothedClassifier g = new SmoothedClassifier(model, noise);
        List<CertifyRecord> out = new ArrayList<>(items.size());
        for (Item it : items) {
            try (Scope s = Scope.open()) {
                Tensor x = Tensor.of(backend, it.features(), itemShape);
                out.add(g.certify(x, it.label(), it.index(), p));
            }
        }
        return out;
    }
}
