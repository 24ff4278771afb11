"""The networks of the comparison, the PyTorch twins of robust4j's benchmarks/compare/Models.java:
the small CNN (also the attacked and certified model), the MLP, the dense CPL network and the
small SLL network (as in bench_train_sll.py)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SmallCNN(nn.Module):
    """conv3x3(1->32, pad 1) ReLU conv3x3(32->64, stride 2, pad 1) ReLU flatten (C,H,W) linear(12544->10)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, stride=1, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.fc = nn.Linear(64 * 14 * 14, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        return self.fc(torch.flatten(x, 1))


class MLP(nn.Module):
    """784-512-512-10 with ReLU."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 512)
        self.fc2 = nn.Linear(512, 512)
        self.fc3 = nn.Linear(512, 10)

    def forward(self, x):
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc3(F.relu(self.fc2(x)))


def _power_step(W, u):
    """One power-iteration step on W (out x in) with the persistent left vector u (updated in
    place). u and v are constants for autograd; sigma = u^T W v carries the gradient to W, as in
    torch.nn.utils.spectral_norm."""
    with torch.no_grad():
        v = F.normalize(torch.mv(W.t(), u), dim=0, eps=1e-12)
        u.copy_(F.normalize(torch.mv(W, v), dim=0, eps=1e-12))
    return torch.dot(u, torch.mv(W, v))


class SpectralNormLinear(nn.Module):
    """y = (W / sigma(W)) x + b; sigma by one power step per training forward, reused in eval."""

    def __init__(self, fin, fout):
        super().__init__()
        lin = nn.Linear(fin, fout)
        self.weight = nn.Parameter(lin.weight.detach().clone())   # [fout, fin]
        self.bias = nn.Parameter(lin.bias.detach().clone())
        self.register_buffer("u", F.normalize(torch.randn(fout), dim=0))
        self.register_buffer("sigma", torch.ones(()))

    def forward(self, x):
        if self.training:
            s = _power_step(self.weight, self.u)
            self.sigma.copy_(s.detach())
        else:
            s = self.sigma
        return F.linear(x, self.weight / s, self.bias)


class ConvexPotentialLayer(nn.Module):
    """Dense CPL (Meunier et al. 2022): z = x - (2 / ||W||^2) W relu(W^T x + b), W [width, hidden],
    ||W|| by one power step per training forward (the gradient flows through sigma)."""

    def __init__(self, width, hidden):
        super().__init__()
        lin = nn.Linear(width, hidden)
        self.weight = nn.Parameter(lin.weight.detach().t().contiguous())   # [width, hidden]
        self.bias = nn.Parameter(lin.bias.detach().clone())                # [hidden]
        self.register_buffer("u", F.normalize(torch.randn(width), dim=0))
        self.register_buffer("sigma", torch.ones(()))

    def forward(self, x):
        W = self.weight
        if self.training:
            s = _power_step(W, self.u)
            self.sigma.copy_(s.detach())
        else:
            s = self.sigma
        h = F.relu(F.linear(x, W.t(), self.bias))
        return x - (2.0 / (s * s)) * F.linear(h, W)


class RowNormalizedLinear(nn.Module):
    """Linear layer whose rows are rescaled to unit l2 norm (each logit 1-Lipschitz)."""

    def __init__(self, fin, fout):
        super().__init__()
        lin = nn.Linear(fin, fout)
        self.weight = nn.Parameter(lin.weight.detach().clone())
        self.bias = nn.Parameter(lin.bias.detach().clone())

    def forward(self, x):
        return F.linear(x, F.normalize(self.weight, dim=1), self.bias)


class CPLNet(nn.Module):
    """flatten -> SpectralNormLinear(784->512) -> 4 x CPL(512) -> RowNormalizedLinear(512->10)."""

    def __init__(self, width=512, depth=4):
        super().__init__()
        self.lift = SpectralNormLinear(784, width)
        self.layers = nn.ModuleList([ConvexPotentialLayer(width, width) for _ in range(depth)])
        self.head = RowNormalizedLinear(width, 10)

    def forward(self, x):
        x = self.lift(torch.flatten(x, 1))
        for layer in self.layers:
            x = layer(x)
        return self.head(x)


def _safe_inv(t):
    inv = 1.0 / t
    return torch.where(t > 0, inv, torch.zeros_like(inv))


class SLLDense(nn.Module):
    """Dense SLL layer (Araujo et al. 2023): x - 2 W^T T^-1 relu(W x + b), T from exp(q)-weighted |W W^T|."""

    def __init__(self, features, inner):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(inner, features))
        nn.init.xavier_normal_(self.weight)
        bound = 1 / features ** 0.5
        self.bias = nn.Parameter(torch.empty(inner).uniform_(-bound, bound))
        self.q = nn.Parameter(torch.randn(inner))

    def forward(self, x):
        W, q = self.weight, self.q
        t = (torch.abs(W @ W.T) * torch.exp(q[None, :] - q[:, None])).sum(1)
        res = F.relu(F.linear(x, W, self.bias)) * _safe_inv(t)
        return x - 2 * F.linear(res, W.T)


class SLLConv(nn.Module):
    """Convolutional SLL layer; q_i and q_j on different axes (the official conv code cancels them)."""

    def __init__(self, channels, inner, k):
        super().__init__()
        self.kernel = nn.Parameter(torch.empty(inner, channels, k, k))
        nn.init.xavier_normal_(self.kernel)
        bound = 1 / (channels * k * k) ** 0.5
        self.bias = nn.Parameter(torch.empty(inner).uniform_(-bound, bound))
        self.q = nn.Parameter(torch.randn(inner))
        self.k = k

    def forward(self, x):
        K, q = self.kernel, self.q
        ktk = F.conv2d(K, K, padding=self.k - 1)
        t = (torch.abs(ktk).sum((2, 3)) * torch.exp(q[None, :] - q[:, None])).sum(1)
        res = F.relu(F.conv2d(x, K, self.bias, padding=self.k // 2)) * _safe_inv(t)[None, :, None, None]
        return x - 2 * F.conv_transpose2d(res, K, padding=self.k // 2)


class SLLNet(nn.Module):
    """robust4j's SllNetworks.small(ctx, 1, 28, 10): zero-pad channels 1->16, 4 x SLLConv(16, inner 16, 3x3),
    AvgPool2d(4) * 4, flatten, 2 x SLLDense(784, inner 512), RowNormalizedLinear(784->10)."""

    def __init__(self, width=16, conv_layers=4, conv_inner=16, dense_layers=2, dense_inner=512):
        super().__init__()
        self.width = width
        self.convs = nn.ModuleList([SLLConv(width, conv_inner, 3) for _ in range(conv_layers)])
        self.pool = nn.AvgPool2d(4, divisor_override=4)
        d = width * 7 * 7
        self.dense = nn.ModuleList([SLLDense(d, dense_inner) for _ in range(dense_layers)])
        self.head = RowNormalizedLinear(d, 10)

    def forward(self, x):
        x = F.pad(x, (0, 0, 0, 0, 0, self.width - x.shape[1]))
        for c in self.convs:
            x = c(x)
        x = torch.flatten(self.pool(x), 1)
        for d in self.dense:
            x = d(x)
        return self.head(x)
