/**
 * Adversarial attacks and the defences built on them.
 *
 * <ul>
 *   <li>{@code org.robust4j.attacks}: the attack API ({@link org.robust4j.attacks.Attack},
 *       {@link org.robust4j.attacks.AttackResult}, the shared settings and bookkeeping, attacks by
 *       name);
 *   <li>{@code gradient}: FGSM/FGM, PGD (l_inf, l_2), APGD;
 *   <li>{@code cw}: Carlini-Wagner l_2;
 *   <li>{@code eot}: expectation over transformation, the gradient oracle every attack uses;
 *   <li>{@code training}: adversarial training (Madry), RAT, mixed-norm training, as per-batch
 *       training objectives;
 *   <li>{@code eval}: robust accuracy over a list of attacks.
 * </ul>
 *
 * <pre>{@code
 * model.eval();
 * AttackResult r = Pgd.linf(8 / 255., 2 / 255., 10).run(model, x, y, new Generator(0));
 * r.adversarial();   // in [0, 1] and within 8/255 of x
 * r.success();       // per sample: the model misclassifies r.adversarial()
 * }</pre>
 */
package org.robust4j.attacks;
