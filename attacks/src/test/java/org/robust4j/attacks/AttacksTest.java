package org.robust4j.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.robust4j.attacks.cw.CarliniWagnerL2;
import org.robust4j.attacks.gradient.Apgd;
import org.robust4j.attacks.gradient.Pgd;

class AttacksTest {
    @Test
    void everyNameBuildsTheAttackItNames() {
        String[] expected = {"fgsm", "fgm-l2", "pgd-linf", "pgd-l2", "apgd-ce-linf", "apgd-ce-l2", "apgd-dlr-linf", "cw-l2"};
        for (int i = 0; i < expected.length; i++) {
            assertThat(Attacks.named(Attacks.NAMES.get(i), 0.1, 0, 1).name()).isEqualTo(expected[i]);
        }
        Pgd pgd = (Pgd) Attacks.named("pgd-linf", 0.08, 0, 1);
        assertThat(pgd.steps()).isEqualTo(10);
        assertThat(pgd.alpha()).isEqualTo(0.02, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(Attacks.named("apgd-ce", 0.1, 0, 1)).isInstanceOf(Apgd.class);
        assertThat(Attacks.named("cw-l2", 0.5, 50, 1)).isInstanceOf(CarliniWagnerL2.class);
        assertThat(Attacks.named("pgd-l2", 0.5, 20, 8).eot().samples()).isEqualTo(8);
        assertThat(Attacks.named("pgd-l2", 0.5, 20, 1).norm()).isEqualTo(Norm.L2);
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Attacks.named("deepfool", 0.1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deepfool").hasMessageContaining("pgd-linf");
    }
}
