package org.robust4j.spark.attack;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.attacks.Attack;
import org.robust4j.attacks.Attacks;

/**
 * An attack by name (see {@link Attacks#NAMES}) with its budget, steps, EOT draws and the seed
 * every item's random start derives from.
 */
public record AttackMethod(String attack, double eps, int steps, int eot, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AttackMethod {
        checkArgument(eps >= 0 && Double.isFinite(eps), "attack: eps must be finite and >= 0, got %s", eps);
        checkArgument(eot >= 1, "attack: eot must be >= 1, got %s", eot);
        Attacks.named(attack, eps, steps, eot); // fails now for an unknown name or bad steps
    }

    public Attack build() {
        return Attacks.named(attack, eps, steps, eot);
    }

    /** Every parameter that changes the records. */
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attack", attack);
        m.put("eps", eps);
        m.put("steps", steps);
        m.put("eot", eot);
        m.put("seed", seed);
        return m;
    }
}
