package org.robust4j.benchmarks.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.attacks.gradient.Apgd;
import org.robust4j.attacks.gradient.Pgd;

/** Every row of the comparison, in table order. */
final class Rows {
    /** Compute threads on each side. */
    static final int THREADS = 2;

    private Rows() {}

    static List<Row> all() {
        List<Row> rows = new ArrayList<>();
        rows.add(new TrainingRow("train-cnn", "training step, small CNN (conv32, conv64/2, linear), batch 128",
                Models::smallCnn));
        rows.add(new TrainingRow("train-mlp", "training step, MLP 784-512-512-10, batch 128", Models::mlp));
        rows.add(new TrainingRow("train-cpl", "training step, 4-layer dense CPL network (width 512), batch 128",
                Models::cpl));
        rows.add(new TrainingRow("train-sll", "training step, small SLL network (4 conv + 2 dense SLL), batch 128",
                Models::sll));
        rows.add(new AttackRow("pgd-linf", "PGD l_inf eps 0.1, step 0.025, 10 steps, random start (torchattacks PGD)",
                Pgd.linf(0.1, 0.025, 10), params("linf", 0.1, 0.025, 10)));
        rows.add(new AttackRow("pgd-l2", "PGD l_2 eps 1.5, step 0.375, 10 steps, random start (torchattacks PGDL2)",
                Pgd.l2(1.5, 0.375, 10), params("l2", 1.5, 0.375, 10)));
        rows.add(new AttackRow("apgd-ce", "APGD-CE l_inf eps 0.1, 100 iterations, 1 run (AutoAttack APGDAttack)",
                Apgd.linf(0.1), params("linf", 0.1, Double.NaN, 100)));
        rows.add(new CertifyRow());
        for (SpectralRow.Method m : SpectralRow.Method.values()) {
            rows.add(new SpectralRow(m, 64, 32));
            rows.add(new SpectralRow(m, 256, 8));
            rows.add(new SpectralRow(m, 512, 4));
        }
        rows.add(new LayerRow(LayerRow.Kind.DC));
        rows.add(new LayerRow(LayerRow.Kind.CONV2D));
        rows.add(new GemmRow(1024));
        rows.add(new GemmRow(2048));
        rows.add(new FmaPeakRow(THREADS));
        return rows;
    }

    static Row get(String name) {
        for (Row r : all()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        List<String> names = all().stream().map(Row::name).toList();
        throw new IllegalArgumentException("unknown row '" + name + "'; rows: " + String.join(", ", names));
    }

    private static Map<String, Object> params(String norm, double eps, double step, int steps) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("norm", norm);
        p.put("eps", eps);
        if (!Double.isNaN(step)) {
            p.put("step", step);
        }
        p.put("steps", steps);
        return p;
    }
}
