"""The attacks of the comparison, written to do exactly what the reference implementations do:
PGD and PGDL2 of torchattacks (Harry24k/adversarial-attacks-pytorch, torchattacks/attacks/pgd.py
and pgdl2.py) and APGD-CE of AutoAttack (fra31/auto-attack, autoattack/autopgd_base.py,
APGDAttack.perturb with loss 'ce'). check_reference.py runs them side by side with the originals.
All draw from torch's global generator, in the same order as the originals."""
import torch
import torch.nn.functional as F


def pgd_linf(model, images, labels, eps, alpha, steps):
    """l_inf PGD with a uniform random start; loss: mean cross-entropy on the true labels."""
    adv = images + torch.empty_like(images).uniform_(-eps, eps)
    adv = torch.clamp(adv, min=0, max=1).detach()
    for _ in range(steps):
        adv.requires_grad = True
        grad, = torch.autograd.grad(F.cross_entropy(model(adv), labels), adv)
        adv = adv.detach() + alpha * grad.sign()
        delta = torch.clamp(adv - images, min=-eps, max=eps)
        adv = torch.clamp(images + delta, min=0, max=1).detach()
    return adv


def pgd_l2(model, images, labels, eps, alpha, steps, eps_for_division=1e-10):
    """l_2 PGD: random start eps * r * g / ||g|| (g Gaussian, r ~ U[0,1] per image), steps along the
    normalised gradient, projection onto the eps-ball, clamp to [0,1]."""
    b = images.shape[0]
    delta = torch.empty_like(images).normal_()
    n = delta.view(b, -1).norm(p=2, dim=1).view(b, 1, 1, 1)
    r = torch.zeros_like(n).uniform_(0, 1)
    delta *= r / n * eps
    adv = torch.clamp(images + delta, min=0, max=1).detach()
    for _ in range(steps):
        adv.requires_grad = True
        grad, = torch.autograd.grad(F.cross_entropy(model(adv), labels), adv)
        grad_norms = torch.norm(grad.view(b, -1), p=2, dim=1) + eps_for_division
        adv = adv.detach() + alpha * (grad / grad_norms.view(b, 1, 1, 1))
        delta = adv - images
        delta_norms = torch.norm(delta.view(b, -1), p=2, dim=1)
        factor = torch.min(eps / delta_norms, torch.ones_like(delta_norms))
        adv = torch.clamp(images + delta * factor.view(-1, 1, 1, 1), min=0, max=1).detach()
    return adv


def _ce_and_grad(model, x, y):
    """Logits, per-image cross-entropy and the gradient of its sum w.r.t. x."""
    x = x.detach().requires_grad_()
    with torch.enable_grad():
        logits = model(x)
        loss = F.cross_entropy(logits, y, reduction="none")
        grad, = torch.autograd.grad(loss.sum(), [x])
    return logits.detach(), loss.detach(), grad.detach()


def _apgd_run(model, x, y, eps, n_iter, rho):
    """One run of l_inf APGD on (x, y) (APGDAttack.attack_single_run). Returns (still correct
    after every iterate, the first misclassified iterate found per image, else the start)."""
    b = x.shape[0]
    # checkpoint schedule: first after 22% of the iterations, then 3% shorter each time, at least 6%
    k = max(int(0.22 * n_iter), 1)
    k_min, k_decr = max(int(0.06 * n_iter), 1), max(int(0.03 * n_iter), 1)

    t = 2 * torch.rand(x.shape) - 1                     # start: a random corner-ish point of the ball
    x_adv = (x + eps * (t / (t.abs().view(b, -1).max(1)[0].view(-1, 1, 1, 1) + 1e-12))).clamp(0.0, 1.0)
    x_best, x_best_adv = x_adv.clone(), x_adv.clone()
    loss_steps = torch.zeros([n_iter, b])
    logits, loss, grad = _ce_and_grad(model, x_adv, y)
    grad_best = grad.clone()
    acc = logits.max(1)[1] == y
    loss_best = loss.clone()
    step = 2.0 * eps * torch.ones([b, 1, 1, 1])
    x_adv_old = x_adv.clone()
    since_check = 0
    loss_best_last_check = loss_best.clone()
    reduced_last_check = torch.ones_like(loss_best)
    lo, hi = x - eps, x + eps
    for i in range(n_iter):
        with torch.no_grad():
            momentum = x_adv - x_adv_old
            x_adv_old = x_adv.clone()
            a = 0.75 if i > 0 else 1.0
            z = torch.clamp(torch.min(torch.max(x_adv + step * torch.sign(grad), lo), hi), 0.0, 1.0)
            x_adv = torch.clamp(torch.min(torch.max(x_adv + (z - x_adv) * a + momentum * (1 - a), lo), hi), 0.0, 1.0)

        logits, loss, grad = _ce_and_grad(model, x_adv, y)
        with torch.no_grad():
            pred = logits.max(1)[1] == y
            acc = acc & pred
            x_best_adv[~pred] = x_adv[~pred]
            loss_steps[i] = loss
            better = loss > loss_best
            x_best[better] = x_adv[better]
            grad_best[better] = grad[better]
            loss_best[better] = loss[better]

            since_check += 1
            if since_check == k:
                # halve the step where the loss rose in at most rho*k of the last k steps, or where
                # the last check did not halve it and the best loss has not improved since. At the
                # first check the oldest comparison reads loss_steps[-1], still zero, as the original.
                rises = torch.zeros(b)
                for c in range(k):
                    rises += (loss_steps[i - c] > loss_steps[i - c - 1]).float()
                reduce = (rises <= k * rho).float()
                reduce = torch.max(reduce, (1.0 - reduced_last_check) * (loss_best_last_check >= loss_best).float())
                reduced_last_check = reduce.clone()
                loss_best_last_check = loss_best.clone()
                r = reduce > 0
                if r.any():
                    step[r] /= 2.0
                    x_adv[r] = x_best[r]                 # restart from the best point so far
                    grad[r] = grad_best[r]
                k = max(k - k_decr, k_min)
                since_check = 0
    return acc, x_best_adv


def apgd_ce(model, images, labels, eps, n_iter=100, restarts=1, rho=0.75, seed=0):
    """APGDAttack(norm='Linf', loss='ce').perturb(images, labels): attacks only the images the model
    classifies correctly (restart after restart, only those not yet fooled), reseeding torch's
    generator with `seed` first; returns the images with their adversarial examples where found."""
    x = images.detach().clone().float()
    with torch.no_grad():
        acc = model(x).max(1)[1] == labels
    adv = x.clone()
    torch.random.manual_seed(seed)
    for _ in range(restarts):
        todo = acc.nonzero().flatten()
        if todo.numel() == 0:
            break
        still, found = _apgd_run(model, x[todo].clone(), labels[todo].clone(), eps, n_iter, rho)
        fooled = todo[~still]
        acc[fooled] = False
        adv[fooled] = found[~still]
    return adv


def attack_in_batches(attack, model, images, labels, batch=128):
    """attack(model, x, y) over consecutive batches; returns all adversarial images."""
    return torch.cat([attack(model, images[i:i + batch], labels[i:i + batch])
                      for i in range(0, images.shape[0], batch)])
