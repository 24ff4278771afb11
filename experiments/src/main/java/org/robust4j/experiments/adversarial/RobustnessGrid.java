package org.robust4j.experiments.adversarial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.attacks.eval.RobustAccuracyRow;
import org.robust4j.attacks.eval.RobustAccuracyTable;
import org.robust4j.attacks.eval.RobustEvaluation;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.evaluation.TestSubset;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Progress;

/**
 * Robust accuracy of several defences under several attacks, laid out as the papers print it:
 * one column per defence, a "Natural" row then one row per attack.
 */
public final class RobustnessGrid {
    /** One cell: a defence under one attack. */
    public record Cell(String model, String attack, String norm, double eps, int eot, int samples, double cleanAccuracy,
                       double robustAccuracy, double seconds) {
    }

    private final List<String> models;
    private final List<AttackSpec> attacks;
    private final List<Cell> cells;

    private RobustnessGrid(List<String> models, List<AttackSpec> attacks, List<Cell> cells) {
        this.models = models;
        this.attacks = attacks;
        this.cells = cells;
    }

    /** Attacks every model; randomized models are attacked with {@code eot} draws per gradient. */
    public static RobustnessGrid evaluate(List<EvaluatedModel> models, List<AttackSpec> attacks, TestSubset samples, int eot,
                                          long seed) {
        List<Cell> cells = new ArrayList<>();
        try (Progress p = Progress.start("evaluate", (long) models.size() * attacks.size())) {
            for (EvaluatedModel m : models) {
                int draws = m.randomized() ? eot : 1;
                for (AttackSpec a : attacks) {
                    RobustAccuracyRow row;
                    try (Scope s = Scope.open()) {
                        var backend = m.classifier().parameters().get(0).value().backend();
                        Tensor x = samples.features(backend);
                        Tensor y = samples.labelTensor(backend);
                        RobustAccuracyTable t = RobustEvaluation.of(List.of(RobustEvaluation.at(a.build(draws), a.eps())))
                                .evaluate(m.classifier(), x, y, new Generator(seed));
                        row = t.rows().get(0);
                    }
                    cells.add(new Cell(m.name(), a.label(), row.norm(), a.eps(), draws, row.samples(), row.cleanAccuracy(),
                            row.robustAccuracy(), row.seconds()));
                    p.step();
                }
            }
        }
        return new RobustnessGrid(models.stream().map(EvaluatedModel::name).toList(), List.copyOf(attacks), cells);
    }

    public List<Cell> cells() {
        return cells;
    }

    public Cell cell(String model, String attack) {
        return cells.stream().filter(c -> c.model().equals(model) && c.attack().equals(attack)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cell " + model + " / " + attack));
    }

    /** Clean accuracy of a model (measured in its first attack's clean pass). */
    public double natural(String model) {
        return cells.stream().filter(c -> c.model().equals(model)).findFirst().orElseThrow().cleanAccuracy();
    }

    /** Header {@code | | model... |}, a Natural row, then a row per attack. */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        List<String> natural = new ArrayList<>(List.of("Natural"));
        models.forEach(m -> natural.add(fmt(natural(m))));
        rows.add(natural);
        for (AttackSpec a : attacks) {
            List<String> r = new ArrayList<>(List.of(a.label()));
            models.forEach(m -> r.add(fmt(cell(m, a.label()).robustAccuracy())));
            rows.add(r);
        }
        return rows;
    }

    public List<String> header() {
        List<String> h = new ArrayList<>(List.of(""));
        h.addAll(models);
        return h;
    }

    /** {@code robust_accuracy}: model -> (attack -> value), plus {@code natural}. */
    public Map<String, Map<String, Double>> asMap() {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        for (String model : models) {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("natural", natural(model));
            attacks.forEach(a -> row.put(a.label(), cell(model, a.label()).robustAccuracy()));
            m.put(model, row);
        }
        return m;
    }

    /** cells.csv and a bar-like line plot (one series per attack over the models) into {@code dir}. */
    public void write(Path dir, String plotName, String title) throws IOException {
        CsvReport.write(dir.resolve("cells.csv"), Cell.class, cells);
        double[] x = new double[models.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        Plot plot = Plot.scatter(title + " (x: " + String.join(", ", models) + ")", "defence (index)", "accuracy");
        double[] nat = models.stream().mapToDouble(this::natural).toArray();
        plot = plot.withSeries("natural", x, nat);
        for (AttackSpec a : attacks) {
            plot = plot.withSeries(a.label(), x, models.stream().mapToDouble(m -> cell(m, a.label()).robustAccuracy()).toArray());
        }
        PlotReport.writePng(dir.resolve(plotName), plot);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
