package org.robust4j.spark.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.certify.smoothing.CertifyRecord;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.spark.certify.CertifyMethod;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.data.Items;
import org.robust4j.spark.io.RecordRows;
import org.robust4j.spark.io.RecordStore;
import org.robust4j.spark.support.TestFixtures;

/** Spark retries a task that dies; the store then holds every item exactly once. */
class FaultToleranceTest {
    /** Local mode runs tasks in this JVM, so the injected failures can be counted here. */
    static final AtomicInteger FAILURES = new AtomicInteger();
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        // local[2,3]: two threads, and a task may fail up to three times before the job fails.
        spark = TestFixtures.spark("local[2,3]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Certifies half of its partition, then dies, on the first attempt of one partition only. */
    record DiesMidwayOnce(ItemTask<CertifyRecord> inner, int partition, boolean always) implements ItemTask<CertifyRecord> {
        @Override
        public Class<CertifyRecord> recordType() {
            return inner.recordType();
        }

        @Override
        public List<CertifyRecord> run(Module model, Backend backend, List<Item> items) {
            TaskContext c = TaskContext.get();
            if (c.partitionId() == partition && (always || c.attemptNumber() == 0)) {
                inner.run(model, backend, items.subList(0, items.size() / 2));
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure in partition " + partition + ", attempt "
                        + c.attemptNumber());
            }
            return inner.run(model, backend, items);
        }
    }

    @SuppressWarnings("unchecked")
    private static ItemTask<CertifyRecord> certify() {
        return (ItemTask<CertifyRecord>) new CertifyMethod.Smoothing("gaussian", 0.25, 10, 60, 0.01, 60, 3)
                .task(new int[] {1, 28, 28});
    }

    private static List<Item> items() {
        return Items.range(Datasets.load("fashion-mnist-small", null).test(), 500, 80);
    }

    private static List<CertifyRecord> expected;

    /** The single-machine records, computed once for both tests. */
    private static synchronized List<CertifyRecord> singleMachine(ModelBlob model) throws IOException {
        if (expected == null) {
            expected = LocalRunner.run(model, TestFixtures.backend(), certify(), items());
        }
        return expected;
    }

    @Test
    void aTaskThatDiesIsRetriedAndEveryItemIsStoredOnce(@TempDir Path out) throws IOException {
        FAILURES.set(0);
        ModelBlob model = ModelBlob.read(TestFixtures.model());
        RecordStore store = new RecordStore(out.resolve("records"));
        SparkRunner.run(spark, model, "nd4j", new DiesMidwayOnce(certify(), 2, false), items(), 4, store);

        assertThat(FAILURES.get()).isEqualTo(1);
        List<CertifyRecord> stored = store.readAll(spark, RecordRows.of(CertifyRecord.class));
        assertThat(stored).containsExactlyElementsOf(singleMachine(model));
        assertThat(store.storedIndices(spark)).hasSize(80);
    }

    @Test
    void aJobThatFailsStoresNothingAndTheNextRunComputesEverything(@TempDir Path out) throws IOException {
        FAILURES.set(0);
        ModelBlob model = ModelBlob.read(TestFixtures.model());
        RecordStore store = new RecordStore(out.resolve("records"));
        assertThatThrownBy(() -> SparkRunner.run(spark, model, "nd4j", new DiesMidwayOnce(certify(), 1, true), items(), 4,
                store)).isInstanceOf(SparkException.class).hasStackTraceContaining("injected failure in partition 1");
        assertThat(FAILURES.get()).isEqualTo(3);
        assertThat(store.isEmpty()).isTrue();

        store.cleanStaleStaging();
        SparkRunner.run(spark, model, "nd4j", certify(), items(), 4, store);
        assertThat(store.readAll(spark, RecordRows.of(CertifyRecord.class)))
                .containsExactlyElementsOf(singleMachine(model));
    }

    @Test
    void theStoreRefusesToReadAnItemStoredTwice(@TempDir Path out) throws IOException {
        ModelBlob model = ModelBlob.read(TestFixtures.model());
        RecordStore store = new RecordStore(out.resolve("records"));
        List<Item> few = items().subList(0, 4);
        // Bypassing the resume logic, the same items appended twice: a state no run produces.
        SparkRunner.run(spark, model, "nd4j", certify(), few, 2, store);
        SparkRunner.run(spark, model, "nd4j", certify(), few, 2, store);
        assertThatThrownBy(() -> store.storedIndices(spark)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice");
    }
}
