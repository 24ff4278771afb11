package org.robust4j.attacks;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import java.util.Locale;
import org.robust4j.attacks.cw.CarliniWagnerL2;
import org.robust4j.attacks.gradient.Apgd;
import org.robust4j.attacks.gradient.Fgsm;
import org.robust4j.attacks.gradient.Pgd;

/**
 * Attacks by name, with the usual defaults, for commands and experiment definitions
 * ({@code robust4j attack --attack pgd-linf --eps E --steps K --eot N}).
 */
public final class Attacks {
    /** The names {@link #named} knows. */
    public static final List<String> NAMES = List.of("fgsm", "fgm-l2", "pgd-linf", "pgd-l2", "apgd-ce", "apgd-ce-l2",
            "apgd-dlr", "cw-l2");

    private Attacks() {}

    /**
     * The attack called {@code name} at budget {@code eps}.
     *
     * @param steps iterations, or 0 for the default: 10 for PGD (step {@code 2.5 eps / steps},
     *              Madry's rule, which is torchattacks' 2/255 at eps 8/255), 100 for APGD
     *              (AutoAttack), 1000 per constant for C&amp;W; ignored by FGSM
     * @param eot   draws per gradient (1 for a deterministic model)
     */
    public static BaseAttack<?> named(String name, double eps, int steps, int eot) {
        checkArgument(steps >= 0, "attack: steps must be >= 0 (0 for the default), got %s", steps);
        String n = name.trim().toLowerCase(Locale.ROOT);
        BaseAttack<?> a = switch (n) {
            case "fgsm" -> Fgsm.linf(eps);
            case "fgm-l2", "fgm" -> Fgsm.l2(eps);
            case "pgd-linf", "pgd" -> Pgd.linf(eps, 2.5 * eps / orDefault(steps, 10), orDefault(steps, 10));
            case "pgd-l2" -> Pgd.l2(eps, 2.5 * eps / orDefault(steps, 10), orDefault(steps, 10));
            case "apgd-ce", "apgd-ce-linf", "apgd" -> Apgd.of(Norm.LINF, eps, orDefault(steps, 100));
            case "apgd-ce-l2" -> Apgd.of(Norm.L2, eps, orDefault(steps, 100));
            case "apgd-dlr", "apgd-dlr-linf" -> Apgd.of(Norm.LINF, eps, orDefault(steps, 100)).withLoss(AttackLoss.DLR);
            case "cw-l2", "cw" -> CarliniWagnerL2.create().withSteps(orDefault(steps, 1000));
            default -> throw new IllegalArgumentException("unknown attack '" + name + "': expected one of " + NAMES);
        };
        return eot > 1 ? a.withEot(eot) : a;
    }

    private static int orDefault(int steps, int fallback) {
        return steps > 0 ? steps : fallback;
    }
}
