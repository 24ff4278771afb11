"""Spectral norm of a circularly padded (k//2), stride-1 convolution on n x n inputs, three ways,
as /work/shared/peer/spectral_reference.py: the exact value (Sedghi et al. 2019: FFT of the kernel,
one SVD per frequency), Gram iteration (Delattre et al. 2023, batched over the frequency matrices)
and power iteration through the convolution itself."""
import torch
import torch.nn.functional as F


def freq_matrices(K, n):
    """[F, c_out, c_in] frequency matrices of kernel K [c_out, c_in, k, k] on an n x n grid
    (transposed first if c_in > c_out). rfft2 keeps one of each conjugate pair, which have
    the same singular values."""
    if K.shape[1] > K.shape[0]:
        K = K.transpose(0, 1)
    co, ci = K.shape[0], K.shape[1]
    D = torch.fft.rfft2(K, s=(n, n))                  # [co, ci, n, n//2+1]
    return D.reshape(co, ci, -1).permute(2, 0, 1)


def exact_conv(K, n):
    return torch.linalg.svdvals(freq_matrices(K, n)).max()


def gram_conv(K, n, t):
    """Upper bound after t Gram squarings with rescaling (per frequency):
    r = 0; repeat t times: f = ||G||_F; r = 2 (r + log f); G = (G/f)^H (G/f);
    bound = ||G||_F^(1/2^t) exp(r / 2^t); the max over frequencies."""
    G = freq_matrices(K, n)
    r = torch.zeros(G.shape[0], dtype=K.dtype)
    for _ in range(t):
        f = torch.linalg.norm(G, dim=(1, 2))
        r = 2.0 * (r + torch.log(f))
        G = G / f.reshape(-1, 1, 1).to(G.dtype)
        G = torch.bmm(G.transpose(1, 2).conj(), G)
    return (torch.linalg.norm(G, dim=(1, 2)) ** (0.5 ** t) * torch.exp(r * 0.5 ** t)).max()


def _circ_pad_adjoint(z, p, n):
    """Adjoint of circular padding by p of an n x n grid: folds the border of z [..., n+2p, n+2p] back."""
    out = z[..., p:p + n, :].clone()
    out[..., :p, :] += z[..., p + n:, :]
    out[..., n - p:, :] += z[..., :p, :]
    res = out[..., :, p:p + n].clone()
    res[..., :, :p] += out[..., :, p + n:]
    res[..., :, n - p:] += out[..., :, :p]
    return res


def conv_operator(K, n):
    """The convolution A and its adjoint A^T on [1, c, n, n] tensors (odd k, padding k//2 > 0)."""
    p = K.shape[-1] // 2

    def A(x):
        return F.conv2d(F.pad(x, (p, p, p, p), mode="circular"), K)

    def AT(y):
        return _circ_pad_adjoint(F.conv_transpose2d(y, K), p, n)

    return A, AT


def power_conv(K, n, start, iters):
    """iters steps of v <- A^T A v / ||A^T A v|| from start [c_in, n, n] (normalised); returns ||A v||."""
    A, AT = conv_operator(K, n)
    v = (start / torch.linalg.norm(start)).unsqueeze(0)
    for _ in range(iters):
        w = AT(A(v))
        v = w / torch.linalg.norm(w)
    return torch.linalg.norm(A(v))
