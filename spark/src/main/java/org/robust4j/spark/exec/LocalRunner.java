package org.robust4j.spark.exec;

import java.io.IOException;
import java.util.List;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.spark.data.Item;

/**
 * The single-machine equivalent of a distributed run: the same {@link ItemTask} over all items in
 * this JVM. Spark partitions call {@link #runPartition} too, so what differs between the two is
 * only which items share a call.
 */
public final class LocalRunner {
    private LocalRunner() {}

    /** Builds the model on {@code backend}, runs the task on {@code items}, frees the model. */
    public static <R extends Record> List<R> runPartition(ModelBlob model, Backend backend, ItemTask<R> task,
                                                          List<Item> items) throws IOException {
        if (items.isEmpty()) {
            return List.of();
        }
        try (Scope scope = Scope.open()) {
            Module m = ExecutorResources.model(model, backend);
            List<R> out = task.run(m, backend, items);
            if (out.size() != items.size()) {
                throw new IllegalStateException(task.getClass().getSimpleName() + " returned " + out.size()
                        + " records for " + items.size() + " items");
            }
            return out;
        }
    }

    /** All items on one backend, in this JVM. */
    public static <R extends Record> List<R> run(ModelBlob model, Backend backend, ItemTask<R> task, List<Item> items)
            throws IOException {
        return runPartition(model, backend, task, items);
    }
}
