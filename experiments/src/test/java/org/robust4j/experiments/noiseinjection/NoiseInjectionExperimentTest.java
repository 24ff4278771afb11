package org.robust4j.experiments.noiseinjection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.TestBackends;

class NoiseInjectionExperimentTest {

    @Test
    void tinyRunReportsAttacksCertificatesAndTheGapBound(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is needed");
        CliRun r = CliRun.of("run", "noise-injection", "--preset", "tiny", "--seed", "3", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : List.of("summary.json", "report.md", "robustness.png", "guarantees.csv",
                "certificates-NI-N-0.25.csv", "certificates-NI-L-0.25.csv")) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode s = JsonReport.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("robust_accuracy").fieldNames()).toIterable().containsExactly("Baseline", "NI N 0.25", "NI L 0.25");
        for (JsonNode model : s.get("robust_accuracy")) {
            assertThat(model.fieldNames()).toIterable().containsExactly("natural", "PGD-linf", "PGD-l2", "CW-l2");
        }
        // The guarantee's level at alpha = 0.1, computed here from the paper's formulas (research note 3.2).
        JsonNode gaussian = s.get("guarantees").get("NI N 0.25");
        JsonNode laplace = s.get("guarantees").get("NI L 0.25");
        assertThat(gaussian.get("at_radius").fieldNames()).toIterable().containsExactly("0.01", "0.1");
        assertThat(gaussian.get("at_radius").get("0.1").get("epsilon").asDouble())
                .isCloseTo(0.1 * 0.1 / (2 * 0.25 * 0.25), within(1e-12));
        assertThat(laplace.get("at_radius").get("0.1").get("epsilon").asDouble())
                .isCloseTo(0.1 / (0.25 / Math.sqrt(2)), within(1e-12));
        for (JsonNode g : List.of(gaussian, laplace)) {
            double entropy = g.get("mean_output_entropy").asDouble();
            assertThat(entropy).isBetween(0.0, Math.log(10));
            double previous = 0;
            for (JsonNode at : g.get("at_radius")) {
                double eps = at.get("epsilon").asDouble();
                double bound = at.get("risk_gap_bound").asDouble();
                // E[e^-H] <= 1, so the bound is at least 1 - e^-eps, and at most 1; it grows with the radius.
                assertThat(bound).isBetween(1 - Math.exp(-eps) - 1e-12, 1.0).isGreaterThanOrEqualTo(previous);
                previous = bound;
            }
        }
        // Every certified record is a correct-or-not prediction with p1 > 1/2; abstentions have radius 0.
        for (String line : Files.readAllLines(out.resolve("certificates-NI-N-0.25.csv")).subList(1, 11)) {
            String[] f = line.split(",");
            double radius = Double.parseDouble(f[3]);
            boolean abstained = Boolean.parseBoolean(f[5]);
            double p1 = Double.parseDouble(f[9]);
            assertThat(abstained ? radius == 0 : p1 > 0.5).as(line).isTrue();
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("0.958", "gap bound", "l1 radius", "l2 radius");
    }

    @Test
    void noiseSpecsAreCheckedWithMessagesThatNameTheProblem() {
        assertThat(InjectedNoise.parse("laplace:0.5").laplaceScale()).isCloseTo(0.5 / Math.sqrt(2), within(1e-15));
        assertThat(InjectedNoise.parse("Gaussian:0.1").gaussian()).isTrue();
        assertThatThrownBy(() -> InjectedNoise.parse("uniform:0.1")).hasMessageContaining("gaussian or laplace");
        assertThatThrownBy(() -> InjectedNoise.parse("gaussian")).hasMessageContaining("LAW:SD");
        assertThatThrownBy(() -> InjectedNoise.parse("gaussian:-1")).hasMessageContaining("positive");
        assertThatThrownBy(() -> InjectedNoise.parse("laplace:x")).hasMessageContaining("not a number");
    }
}
