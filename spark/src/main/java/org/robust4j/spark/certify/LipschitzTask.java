package org.robust4j.spark.certify;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.certify.lipschitz.LipschitzMarginCertificate;
import org.robust4j.certify.lipschitz.LipschitzRecord;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.data.Items;
import org.robust4j.spark.exec.ItemTask;

/** The Lipschitz-margin certificate {@code margin / (sqrt(2) L)} on batches of items; deterministic, no seeds. */
record LipschitzTask(CertifyMethod.LipschitzMargin method, int[] itemShape) implements ItemTask<LipschitzRecord> {

    @Override
    public Class<LipschitzRecord> recordType() {
        return LipschitzRecord.class;
    }

    @Override
    public List<LipschitzRecord> run(Module model, Backend backend, List<Item> items) {
        LipschitzMarginCertificate cert = new LipschitzMarginCertificate(method.lipschitz());
        List<LipschitzRecord> out = new ArrayList<>(items.size());
        for (int start = 0; start < items.size(); start += method.batchSize()) {
            List<Item> batch = items.subList(start, Math.min(items.size(), start + method.batchSize()));
            try (Scope s = Scope.open(); GradMode.Restore r = Autograd.noGrad()) {
                Tensor logits = model.forward(Items.stack(backend, batch, Shape.of(itemShape)));
                // Indices after a resume need not be contiguous: certify with 0.. and put the real ones back.
                List<LipschitzRecord> rs = cert.certify(logits, Items.labels(batch), 0);
                for (int i = 0; i < rs.size(); i++) {
                    LipschitzRecord x = rs.get(i);
                    out.add(new LipschitzRecord(batch.get(i).index(), x.label(), x.prediction(), x.margin(), x.radius()));
                }
            }
        }
        return out;
    }
}
