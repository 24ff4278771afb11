package org.robust4j.spark.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Per-item records of one job as Parquet files in one directory, written so that every item is
 * there at most once and a re-run can resume.
 *
 * <p>A run writes its records with Spark into a staging directory beside the store; Spark's output
 * committer keeps only the output of task attempts that succeeded, so a retried task adds its items
 * once. When the whole write has succeeded, its part files are moved into the store (each move is
 * atomic). A run that dies before leaves only a staging directory, which the next run deletes; one
 * that dies during the moves leaves whole files, whose items the next run does not recompute.
 *
 * <p>The directory must be visible to the driver and all executors under the same path (a shared
 * file system on a cluster; any directory with {@code local[N]}).
 */
public final class RecordStore {
    private static final String STAGING_PREFIX = ".staging-";
    private final Path dir;

    public RecordStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** Whether the store holds any record file. */
    public boolean isEmpty() {
        return partFiles().isEmpty();
    }

    /** The indices of the items already stored. */
    public Set<Long> storedIndices(SparkSession spark) {
        Set<Long> done = new HashSet<>();
        if (isEmpty()) {
            return done;
        }
        for (Row r : read(spark).select(RecordRows.indexColumn()).collectAsList()) {
            if (!done.add(r.getLong(0))) {
                throw new IllegalStateException("record store " + dir + " holds item " + r.getLong(0) + " twice");
            }
        }
        return done;
    }

    /** Every stored record, sorted by item index. */
    public <R extends Record> List<R> readAll(SparkSession spark, RecordRows<R> rows) {
        if (isEmpty()) {
            return List.of();
        }
        List<R> out = new ArrayList<>();
        for (Row r : read(spark).collectAsList()) {
            out.add(rows.fromRow(r));
        }
        out.sort(Comparator.comparingLong(RecordStore::index));
        return out;
    }

    private Dataset<Row> read(SparkSession spark) {
        return spark.read().parquet(partFiles().stream().map(p -> globEscaped(p.toString())).toArray(String[]::new));
    }

    /** Spark reads paths as Hadoop globs: a directory named {@code local[2]} must not match {@code local2}. */
    static String globEscaped(String path) {
        return path.replaceAll("([\\\\\\[\\]{}*?])", "\\\\$1");
    }

    /** Writes {@code records} (all at once, by Spark), then moves them into the store. */
    public void append(Dataset<Row> records) {
        String run = UUID.randomUUID().toString();
        Path staging = dir.resolveSibling(dir.getFileName() + STAGING_PREFIX + run);
        records.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(staging)) {
                for (Path part : s.filter(RecordStore::isPartFile).sorted().toList()) {
                    Files.move(part, dir.resolve(run + "-" + part.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move the records of " + staging + " into " + dir, e);
        }
    }

    /** Deletes staging directories that runs which died left behind. */
    public void cleanStaleStaging() {
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(dir.getFileName() + STAGING_PREFIX)).toList()) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean the staging directories beside " + dir, e);
        }
    }

    private List<Path> partFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(RecordStore::isPartFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    private static boolean isPartFile(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_");
    }

    /** The {@code index} component of a per-item record. */
    public static long index(Record r) {
        try {
            return (long) r.getClass().getMethod(RecordRows.indexColumn()).invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(r.getClass().getName() + " has no long index() component", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
