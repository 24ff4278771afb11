package org.robust4j.experiments.circulant;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.LeakyReLU;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.ReLU;
import org.robust4j.layers.structured.DiagonalCirculant;
import org.robust4j.layers.structured.LowRank;
import org.robust4j.layers.structured.Toeplitz;

/** The four network families the experiment compares, on flattened inputs of {@code features}. */
final class StructuredNetworks {
    static final String DC = "diagonal-circulant";
    static final String TOEPLITZ = "toeplitz";
    static final String LOW_RANK = "low-rank";
    static final String DENSE = "dense";

    private StructuredNetworks() {}

    /** {@code depth} square DC layers of width {@code features} with LeakyReLU, then the rectangular DC head (as the paper). */
    static Module diagonalCirculant(LayerContext c, int features, int classes, int depth, double slope) {
        List<Module> l = new ArrayList<>(List.of(new Flatten()));
        for (int i = 0; i < depth; i++) {
            l.add(new DiagonalCirculant(c, features));
            l.add(new LeakyReLU(slope));
        }
        l.add(new DiagonalCirculant(c, features, classes));
        return new Sequential(l);
    }

    /** {@code depth} square Toeplitz layers with LeakyReLU, then a rectangular Toeplitz head. */
    static Module toeplitz(LayerContext c, int features, int classes, int depth, double slope) {
        List<Module> l = new ArrayList<>(List.of(new Flatten()));
        for (int i = 0; i < depth; i++) {
            l.add(new Toeplitz(c, features));
            l.add(new LeakyReLU(slope));
        }
        l.add(new Toeplitz(c, features, classes));
        return new Sequential(l);
    }

    /** One square rank-{@code r} hidden layer with LeakyReLU and a low-rank head (rank {@code min(r, classes)}). */
    static Module lowRank(LayerContext c, int features, int classes, int rank, double slope) {
        return new Sequential(new Flatten(), new LowRank(c, features, features, rank), new LeakyReLU(slope),
                new LowRank(c, features, classes, Math.min(rank, classes)));
    }

    /** One dense hidden layer of {@code width} with ReLU. */
    static Module dense(LayerContext c, int features, int classes, int width) {
        return new Sequential(new Flatten(), new Linear(c, features, width), new ReLU(), new Linear(c, width, classes));
    }
}
