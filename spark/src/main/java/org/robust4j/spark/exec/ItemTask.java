package org.robust4j.spark.exec;

import java.io.Serializable;
import java.util.List;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.spark.data.Item;

/**
 * The work done on one partition of items: certification, an attack, anything whose result per
 * item depends only on the model, the item and seeds derived from the item's index. Runs the same
 * way on an executor and in {@link LocalRunner}, which is what makes the two give equal records.
 *
 * @param <R> the per-item record, written as one Parquet row (see {@link org.robust4j.spark.io.RecordRows})
 */
public interface ItemTask<R extends Record> extends Serializable {

    /** The record class (its components are the Parquet columns). */
    Class<R> recordType();

    /** One record per item, in the items' order. {@code model} is in evaluation mode; free what you allocate. */
    List<R> run(Module model, Backend backend, List<Item> items);
}
