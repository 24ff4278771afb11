package org.robust4j.experiments.adversarial;

import org.robust4j.core.nn.Module;

/**
 * A trained defence as it is evaluated: its column name in the tables, the classifier to attack
 * (for a randomized defence the network with its noise layer, drawing fresh noise at every call),
 * whether it is randomized (then attacks use EOT), and its training time.
 */
public record EvaluatedModel(String name, Module classifier, boolean randomized, double trainSeconds) {
}
