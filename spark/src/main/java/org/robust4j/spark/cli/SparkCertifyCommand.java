package org.robust4j.spark.cli;

import java.util.concurrent.Callable;
import org.robust4j.spark.certify.CertifyMethod;
import org.robust4j.spark.certify.DistributedCertification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code robust4j-spark certify}: distributed randomized-smoothing or Lipschitz-margin certification. */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = "Certify test items on Spark; writes records/ (Parquet), records.csv, summary.json,"
                + " certified_accuracy.csv/.png and report.md into --out. A re-run resumes.")
final class SparkCertifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    ItemOptions items;

    @Option(names = "--method", defaultValue = "smoothing", description = "smoothing or lipschitz (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--noise", defaultValue = "gaussian", description = "gaussian, laplace or uniform (default: ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--sigma", defaultValue = "0.25", description = "Noise scale (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--n0", defaultValue = "100", description = "Selection draws (default: ${DEFAULT-VALUE}).")
    int n0;

    @Option(names = "-n", defaultValue = "100000", description = "Estimation draws (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--alpha", defaultValue = "0.001", description = "Failure probability (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Noisy copies per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "0", description = "Seed every item's noise derives from (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lipschitz", paramLabel = "L", defaultValue = "1",
            description = "Certified l2 Lipschitz bound of the logits, for --method lipschitz (default: ${DEFAULT-VALUE}).")
    double lipschitz;

    @Override
    public Integer call() throws Exception {
        CertifyMethod m;
        try {
            sparkOptions.check();
            items.check();
            m = switch (method) {
                case "smoothing" -> new CertifyMethod.Smoothing(noise, sigma, n0, n, alpha, batchSize, seed);
                case "lipschitz" -> new CertifyMethod.LipschitzMargin(lipschitz, batchSize);
                default -> throw new IllegalArgumentException("--method must be smoothing or lipschitz, got '" + method + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return sparkOptions.runAndPrint(spec, "robust4j-spark certify", spark -> new DistributedCertification(items.model,
                items.dataset, items.dataDir, items.start, items.count, m, sparkOptions.backend,
                sparkOptions.partitions(spark)).run(spark, sparkOptions.out).summary().asMap());
    }
}
