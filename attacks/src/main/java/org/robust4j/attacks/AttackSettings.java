package org.robust4j.attacks;

import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.attacks.eot.Eot;

/**
 * The settings every gradient attack shares: the goal, the input box, the loss, the number of
 * EOT draws per gradient, and a listener of the iterations. Defaults: untargeted, {@code [0, 1]},
 * cross-entropy, no EOT, no listener.
 */
public record AttackSettings(Goal goal, InputBox box, AttackLoss loss, Eot eot, StepListener listener) {
    public static final AttackSettings DEFAULT =
            new AttackSettings(Goal.UNTARGETED, InputBox.UNIT, AttackLoss.CROSS_ENTROPY, Eot.NONE, StepListener.NONE);

    public AttackSettings {
        checkNotNull(goal, "goal");
        checkNotNull(box, "box");
        checkNotNull(loss, "loss");
        checkNotNull(eot, "eot");
        checkNotNull(listener, "listener");
    }

    public AttackSettings withGoal(Goal g) {
        return new AttackSettings(g, box, loss, eot, listener);
    }

    public AttackSettings withBox(InputBox b) {
        return new AttackSettings(goal, b, loss, eot, listener);
    }

    public AttackSettings withLoss(AttackLoss l) {
        return new AttackSettings(goal, box, l, eot, listener);
    }

    public AttackSettings withEot(Eot e) {
        return new AttackSettings(goal, box, loss, e, listener);
    }

    public AttackSettings withListener(StepListener l) {
        return new AttackSettings(goal, box, loss, eot, l);
    }

    /** Text for {@code toString}: only what differs from the defaults. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        if (goal == Goal.TARGETED) {
            sb.append(", targeted");
        }
        if (!box.equals(InputBox.UNIT)) {
            sb.append(", box=").append(box);
        }
        if (loss != AttackLoss.CROSS_ENTROPY) {
            sb.append(", loss=").append(loss.label());
        }
        if (eot.samples() > 1) {
            sb.append(", eot=").append(eot.samples());
        }
        return sb.toString();
    }
}
