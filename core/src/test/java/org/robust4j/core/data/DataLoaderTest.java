package org.robust4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

class DataLoaderTest {

    /** n samples of shape [1, 2, 3]; sample i's values are i*10 + 0..5, its label i % 4. */
    static ArrayDataset images(int n) {
        float[] x = new float[n * 6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = i * 10 + j;
            }
            y[i] = i % 4;
        }
        return new ArrayDataset(x, y, Shape.of(1, 2, 3), 4);
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(booleans = {false, true})
    void visitsEverySampleExactlyOncePerEpoch(boolean prefetch) {
        ArrayDataset d = images(10);
        DataLoader loader = DataLoader.builder(d).batchSize(3).shuffle(true).seed(5).prefetch(prefetch).build();
        assertThat(loader.numBatches()).isEqualTo(4);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            try (BatchIterator it = loader.epoch(epoch)) {
                assertThat(it.numBatches()).isEqualTo(4);
                while (it.hasNext()) {
                    Batch b = it.next();
                    sizes.add(b.size());
                    assertThat(b.shape()).isEqualTo(Shape.of(b.size(), 1, 2, 3));
                    for (int s = 0; s < b.size(); s++) {
                        int idx = b.indices()[s];
                        seen.add(idx);
                        assertThat(b.labels()[s]).isEqualTo(idx % 4);
                        assertThat(Arrays.copyOfRange(b.features(), s * 6, s * 6 + 6)).containsExactly(d.features(idx));
                    }
                }
                assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
            }
            assertThat(sizes).containsExactly(3, 3, 3, 1);
            assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(seen).isEqualTo(Arrays.stream(loader.sampleOrder(epoch)).boxed().toList());
        }
    }

    @Test
    void withoutShuffleTheOrderIsTheDatasetOrder() {
        DataLoader loader = DataLoader.builder(images(5)).batchSize(2).prefetch(false).build();
        assertThat(indices(loader, 0)).containsExactly(0, 1, 2, 3, 4);
        assertThat(indices(loader, 7)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void shuffleIsReproducibleForASeedAndDiffersAcrossEpochsAndSeeds() {
        ArrayDataset d = images(50);
        DataLoader a = DataLoader.builder(d).batchSize(8).shuffle(true).seed(42).build();
        DataLoader b = DataLoader.builder(d).batchSize(8).shuffle(true).seed(42).prefetch(false).build();
        DataLoader other = DataLoader.builder(d).batchSize(8).shuffle(true).seed(43).build();
        assertThat(indices(a, 0)).isEqualTo(indices(b, 0));
        assertThat(indices(a, 3)).isEqualTo(indices(b, 3));
        assertThat(indices(a, 0)).isNotEqualTo(indices(a, 1));
        assertThat(indices(a, 0)).isNotEqualTo(indices(other, 0));
        assertThat(indices(a, 0)).isNotEqualTo(range(50)); // shuffled at all
    }

    @Test
    void forEachRunsSuccessiveEpochs() {
        DataLoader loader = DataLoader.builder(images(9)).batchSize(4).shuffle(true).seed(1).build();
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> seen = new ArrayList<>();
            for (Batch b : loader) {
                for (int i : b.indices()) {
                    seen.add(i);
                }
            }
            assertThat(seen).isEqualTo(Arrays.stream(loader.sampleOrder(epoch)).boxed().toList());
        }
    }

    @Test
    void seedFromAGeneratorTakesOneDraw() {
        Generator master = new Generator(9);
        long expected = new Generator(9).nextSeed();
        DataLoader loader = DataLoader.builder(images(4)).seed(master).build();
        assertThat(loader.seed()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(booleans = {false, true})
    void dropLastDropsOnlyAPartialBatch(boolean prefetch) {
        DataLoader loader = DataLoader.builder(images(10)).batchSize(3).dropLast(true).shuffle(true).seed(3)
                .prefetch(prefetch).build();
        assertThat(loader.numBatches()).isEqualTo(3);
        List<Batch> batches = collect(loader, 0);
        assertThat(batches).hasSize(3).allSatisfy(b -> assertThat(b.size()).isEqualTo(3));
        Set<Integer> seen = batches.stream().flatMap(b -> Arrays.stream(b.indices()).boxed()).collect(Collectors.toSet());
        assertThat(seen).hasSize(9);
        assertThat(DataLoader.builder(images(9)).batchSize(3).dropLast(true).build().numBatches()).isEqualTo(3);
        assertThat(DataLoader.builder(images(2)).batchSize(3).dropLast(true).build().numBatches()).isZero();
    }

    @Test
    void prefetchOnAndOffGiveBitIdenticalAugmentedBatches() {
        ArrayDataset d = images(23);
        List<Transform> transforms = List.of(new RandomCrop(2, 1), new RandomHorizontalFlip(0.5),
                new Normalize(new float[] {100f}, new float[] {3f}));
        DataLoader on = DataLoader.builder(d).batchSize(4).shuffle(true).seed(11).transforms(transforms).build();
        DataLoader off = DataLoader.builder(d).batchSize(4).shuffle(true).seed(11).transforms(transforms)
                .prefetch(false).build();
        assertThat(on.itemShape()).isEqualTo(Shape.of(1, 2, 2));
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Batch> a = collect(on, epoch);
            List<Batch> b = collect(off, epoch);
            assertThat(a).hasSize(6);
            for (int i = 0; i < a.size(); i++) {
                assertThat(bits(a.get(i).features())).isEqualTo(bits(b.get(i).features()));
                assertThat(a.get(i)).isEqualTo(b.get(i));
                assertThat(a.get(i).shape()).isEqualTo(Shape.of(a.get(i).size(), 1, 2, 2));
            }
        }
        // Augmentation differs across epochs, and consuming batches out of order changes nothing.
        assertThat(collect(on, 0).get(0)).isNotEqualTo(collect(on, 1).get(0));
    }

    @Test
    void augmentationDependsOnlyOnSeedEpochAndBatch() {
        ArrayDataset d = images(8);
        DataLoader loader = DataLoader.builder(d).batchSize(4).seed(2).transforms(new RandomCrop(2, 1)).prefetch(false).build();
        Batch second = collect(loader, 4).get(1);
        try (BatchIterator it = loader.epoch(4)) {
            it.next();
            assertThat(it.next()).isEqualTo(second);
        }
        // The batch's generator is the one seeded by (seed, AUGMENT, epoch, batch): replay it by hand.
        Generator g = new Generator(Seeds.derive(2, Seeds.AUGMENT, 4, 1));
        float[] expected = new float[16];
        RandomCrop crop = new RandomCrop(2, 1);
        for (int s = 0; s < 4; s++) {
            crop.apply(d.features(4 + s), 0, Shape.of(1, 2, 3), expected, s * 4, g);
        }
        assertThat(second.features()).containsExactly(expected);
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(booleans = {false, true})
    void exceptionsFromTransformsReachTheConsumer(boolean prefetch) throws InterruptedException {
        Transform failing = (src, srcOff, shape, dst, dstOff, g) -> {
            if (src[srcOff] == 70f) { // sample 7, in batch 2
                throw new IllegalStateException("bad sample 7");
            }
            System.arraycopy(src, srcOff, dst, dstOff, 6);
        };
        DataLoader loader = DataLoader.builder(images(10)).batchSize(3).transforms(failing).prefetch(prefetch).build();
        Set<Thread> before = loaderThreads();
        BatchIterator it = loader.epoch(0);
        Set<Thread> started = difference(loaderThreads(), before);
        assertThat(started).hasSize(prefetch ? 1 : 0);
        assertThat(it.next().indices()).containsExactly(0, 1, 2);
        assertThat(it.next().indices()).containsExactly(3, 4, 5);
        assertThatThrownBy(it::hasNext).isInstanceOf(IllegalStateException.class).hasMessage("bad sample 7");
        assertThat(it.hasNext()).isFalse();
        assertAllStopped(started);
    }

    @Test
    void theWorkerThreadIsGoneAfterAFullEpoch() throws InterruptedException {
        DataLoader loader = DataLoader.builder(images(20)).batchSize(3).build();
        Set<Thread> before = loaderThreads();
        int batches = 0;
        Set<Thread> started;
        try (BatchIterator it = loader.epoch(0)) {
            started = difference(loaderThreads(), before);
            assertThat(started).hasSize(1).allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
            while (it.hasNext()) {
                it.next();
                batches++;
            }
            // Running off the end already stopped it, before close().
            assertAllStopped(started);
        }
        assertThat(batches).isEqualTo(7);
    }

    @Test
    void closingEarlyStopsTheWorker() throws InterruptedException {
        DataLoader loader = DataLoader.builder(images(100)).batchSize(2).build();
        Set<Thread> before = loaderThreads();
        Set<Thread> started;
        try (BatchIterator it = loader.epoch(0)) {
            started = difference(loaderThreads(), before);
            it.next(); // the worker is now blocked on the full queue
        }
        assertAllStopped(started);
    }

    @Test
    void anAbandonedIteratorIsStoppedOnceCollected() throws InterruptedException {
        DataLoader loader = DataLoader.builder(images(100)).batchSize(2).build();
        Set<Thread> before = loaderThreads();
        for (Batch b : loader) {
            assertThat(b.size()).isEqualTo(2);
            break; // a for-each cannot close its iterator
        }
        Set<Thread> started = difference(loaderThreads(), before);
        for (int i = 0; i < 200 && started.stream().anyMatch(Thread::isAlive); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(started).noneMatch(Thread::isAlive);
    }

    @Test
    void anEmptyDatasetHasNoBatchesAndNoThread() {
        ArrayDataset empty = new ArrayDataset(new float[0], new int[0], Shape.of(1, 2, 3), 4);
        Set<Thread> before = loaderThreads();
        try (BatchIterator it = DataLoader.builder(empty).build().epoch(0)) {
            assertThat(it.hasNext()).isFalse();
        }
        assertThat(difference(loaderThreads(), before)).isEmpty();
    }

    @Test
    void badConfigurationsFailAtBuild() {
        ArrayDataset d = images(4);
        assertThatThrownBy(() -> DataLoader.builder(d).batchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataLoader.builder(d).transforms(new RandomCrop(8, 0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> DataLoader.builder(d).build().epoch(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchesCheckTheirParts() {
        assertThatThrownBy(() -> new Batch(new float[5], new int[2], Shape.of(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fill");
        assertThatThrownBy(() -> new Batch(new float[6], new int[3], Shape.of(2, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        Batch b = new Batch(new float[6], new int[] {1, 2}, Shape.of(2, 3));
        assertThat(b.itemShape()).isEqualTo(Shape.of(3));
        assertThat(b.indices()).containsExactly(0, 0);
    }

    @Test
    void derivedSeedsDependOnTheWholePath() {
        Set<Long> seeds = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            for (long epoch = 0; epoch < 4; epoch++) {
                for (long batch = 0; batch < 4; batch++) {
                    seeds.add(Seeds.derive(seed, Seeds.AUGMENT, epoch, batch));
                    seeds.add(Seeds.derive(seed, Seeds.SHUFFLE, epoch, batch));
                }
            }
        }
        assertThat(seeds).hasSize(128);
        assertThat(Seeds.derive(1, 2, 3)).isEqualTo(Seeds.derive(1, 2, 3)).isNotEqualTo(Seeds.derive(1, 3, 2));
    }

    // ------------------------------------------------------------------ helpers

    private static List<Batch> collect(DataLoader loader, int epoch) {
        List<Batch> out = new ArrayList<>();
        try (BatchIterator it = loader.epoch(epoch)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<Integer> indices(DataLoader loader, int epoch) {
        return collect(loader, epoch).stream().flatMap(b -> Arrays.stream(b.indices()).boxed()).toList();
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    private static Set<Thread> loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(PrefetchBatchIterator.THREAD_PREFIX))
                .collect(Collectors.toSet());
    }

    private static Set<Thread> difference(Set<Thread> a, Set<Thread> b) {
        Set<Thread> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** The iterator joins its worker when it ends or closes, so the thread must already be dead. */
    private static void assertAllStopped(Set<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
        }
    }
}
