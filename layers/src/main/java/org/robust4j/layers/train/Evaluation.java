package org.robust4j.layers.train;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Batch;
import org.robust4j.core.data.BatchIterator;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.loss.Loss;

/** Loss and accuracy of a model over a data set, in eval mode and without recording a graph. */
public record Evaluation(double loss, double accuracy, int samples) {

    public static Evaluation of(Module model, DataLoader loader, Loss loss, Backend backend) {
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long correct = 0;
        int n = 0;
        try (GradMode.Restore ng = Autograd.noGrad(); BatchIterator it = loader.epoch(0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                try (Scope s = Scope.open()) {
                    Tensor x = b.x(backend);
                    Tensor y = b.y(backend);
                    Tensor logits = model.forward(x);
                    lossSum += loss.compute(logits, y).item() * b.size();
                    correct += countCorrect(logits, y);
                    n += b.size();
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new Evaluation(n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) correct / n, n);
    }

    /** Number of rows whose arg-max equals the label. */
    public static long countCorrect(Tensor logits, Tensor labels) {
        return (long) logits.argMax(1).eq(labels.cast(org.robust4j.core.tensor.DType.INT64)).sum().item();
    }
}
