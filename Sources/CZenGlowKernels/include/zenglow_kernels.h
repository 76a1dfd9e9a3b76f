#ifndef ZENGLOW_KERNELS_H
#define ZENGLOW_KERNELS_H

/// 1 when this CPU has AVX2 and FMA, which zg_small_matmul_accumulate needs; checked at run time,
/// so the binary stays portable to any x86-64 (and other architectures, where it is 0).
int zg_small_matmul_available(void);

/// y[i * ldy + j] += dot(x[i * k ...], w[j * k ...]) for i < m, j < n: a matrix product with the
/// weights in PyTorch's [out, in] layout, for few rows (a short query). BLAS packs the whole weight
/// matrix on every call, which costs more than the product itself when m is small; this reads each
/// weight once, straight from where it lies.
void zg_small_matmul_accumulate(int m, int n, int k, const float *x, const float *w, float *y, int ldy);

#endif
