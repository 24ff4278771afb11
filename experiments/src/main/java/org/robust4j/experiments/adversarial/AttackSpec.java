package org.robust4j.experiments.adversarial;

import org.robust4j.attacks.Attack;
import org.robust4j.attacks.Attacks;
import org.robust4j.attacks.cw.CarliniWagnerL2;

/**
 * An evaluation attack by name ({@link Attacks#named}) at a budget, with its iterations (and for
 * C&amp;W the binary-search steps over c, 0 for the default 9); EOT is added per model (only
 * randomized models get it). A minimal-norm attack counts a sample as broken within {@code eps}.
 */
public record AttackSpec(String label, String attack, double eps, int steps, int binarySearchSteps) {

    public static AttackSpec of(String label, String attack, double eps, int steps) {
        return new AttackSpec(label, attack, eps, steps, 0);
    }

    public Attack build(int eot) {
        if (attack.equals("cw-l2") && binarySearchSteps > 0) {
            CarliniWagnerL2 cw = CarliniWagnerL2.create().withSteps(steps).withBinarySearchSteps(binarySearchSteps);
            return eot > 1 ? cw.withEot(eot) : cw;
        }
        return Attacks.named(attack, eps, steps, eot);
    }
}
