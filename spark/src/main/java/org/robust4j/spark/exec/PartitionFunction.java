package org.robust4j.spark.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.io.RecordRows;

/** What an executor runs on one partition: the broadcast model on its backend, the task over the items. */
final class PartitionFunction<R extends Record> implements FlatMapFunction<Iterator<Item>, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelBlob> model;
    private final String backend;
    private final ItemTask<R> task;
    private final RecordRows<R> rows;

    PartitionFunction(Broadcast<ModelBlob> model, String backend, ItemTask<R> task, RecordRows<R> rows) {
        this.model = model;
        this.backend = backend;
        this.task = task;
        this.rows = rows;
    }

    @Override
    public Iterator<Row> call(Iterator<Item> partition) throws Exception {
        List<Item> items = new ArrayList<>();
        partition.forEachRemaining(items::add);
        List<R> records = LocalRunner.runPartition(model.value(), ExecutorResources.backend(backend), task, items);
        List<Row> out = new ArrayList<>(records.size());
        for (R r : records) {
            out.add(rows.toRow(r));
        }
        return out.iterator();
    }
}
