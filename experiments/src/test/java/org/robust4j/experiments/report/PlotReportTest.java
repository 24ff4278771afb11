package org.robust4j.experiments.report;

import org.robust4j.core.io.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotReportTest {
    @TempDir
    Path dir;

    @Test
    void lineAndScatterPlotsAreValidPngs() throws IOException {
        Plot line = Plot.line("matmul", "n", "GFLOP/s").withLogX()
                .withSeries("a", new double[] {64, 256, 1024}, new double[] {1, 20, 60});
        Plot scatter = Plot.scatter("conv", "GFLOP", "GFLOP/s")
                .withSeries("fwd", new double[] {0.1, 0.9}, new double[] {5, 30})
                .withSeries("fwd+bwd", new double[] {0.1, 0.9}, new double[] {4, 25});
        for (var p : new Plot[] {line, scatter}) {
            Path file = dir.resolve(p.title() + ".png");
            PlotReport.writePng(file, p);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(500);
        }
        assertThat(DirectoryEntries.of(dir)).containsExactly("conv.png", "matmul.png");
    }

    @Test
    void anInvalidPlotFailsClearlyAndWritesNothing() throws IOException {
        Plot zeroOnLogAxis = Plot.line("bad", "x", "y").withLogY()
                .withSeries("s", new double[] {1, 2}, new double[] {0, 1});
        assertThatThrownBy(() -> PlotReport.writePng(dir.resolve("bad.png"), zeroOnLogAxis))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logarithmic");
        assertThatThrownBy(() -> PlotReport.writePng(dir.resolve("empty.png"), Plot.line("empty", "x", "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no series");
        assertThatThrownBy(() -> Plot.line("t", "x", "y").withSeries("s", new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DirectoryEntries.of(dir)).isEmpty();
    }
}
