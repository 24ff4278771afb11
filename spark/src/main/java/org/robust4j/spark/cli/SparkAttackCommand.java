package org.robust4j.spark.cli;

import java.util.concurrent.Callable;
import org.robust4j.spark.attack.AttackMethod;
import org.robust4j.spark.attack.DistributedAttack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code robust4j-spark attack}: distributed robust-accuracy evaluation under one attack. */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = "Attack test items on Spark; writes records/ (Parquet), records.csv, summary.json and report.md"
                + " into --out. A re-run resumes.")
final class SparkAttackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    ItemOptions items;

    @Option(names = "--attack", defaultValue = "pgd-linf",
            description = "fgsm, fgm-l2, pgd-linf, pgd-l2, apgd-ce, apgd-ce-l2, apgd-dlr or cw-l2 (default: ${DEFAULT-VALUE}).")
    String attack;

    @Option(names = "--eps", required = true, description = "Budget in the attack's norm.")
    double eps;

    @Option(names = "--steps", defaultValue = "0", description = "Iterations (0: the attack's default).")
    int steps;

    @Option(names = "--eot", defaultValue = "1", description = "Draws per gradient, for randomized models (default: ${DEFAULT-VALUE}).")
    int eot;

    @Option(names = "--seed", defaultValue = "0", description = "Seed every item's random start derives from (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        AttackMethod m;
        try {
            sparkOptions.check();
            items.check();
            m = new AttackMethod(attack, eps, steps, eot, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return sparkOptions.runAndPrint(spec, "robust4j-spark attack", spark -> new DistributedAttack(items.model,
                items.dataset, items.dataDir, items.start, items.count, m, sparkOptions.backend,
                sparkOptions.partitions(spark)).run(spark, sparkOptions.out).summary().asMap());
    }
}
