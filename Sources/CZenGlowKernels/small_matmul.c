#include "zenglow_kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

int zg_small_matmul_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

__attribute__((target("avx2,fma"))) static inline float horizontal_sum(__m256 v) {
    __m128 sum = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    sum = _mm_hadd_ps(sum, sum);
    sum = _mm_hadd_ps(sum, sum);
    return _mm_cvtss_f32(sum);
}

__attribute__((target("avx2,fma"))) static float dot(const float *a, const float *b, int k) {
    __m256 acc = _mm256_setzero_ps();
    int p = 0;
    for (; p + 8 <= k; p += 8) acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + p), _mm256_loadu_ps(b + p), acc);
    float sum = horizontal_sum(acc);
    for (; p < k; p++) sum += a[p] * b[p];
    return sum;
}

__attribute__((target("avx2,fma"))) void zg_small_matmul_accumulate(
    int m, int n, int k, const float *x, const float *w, float *y, int ldy) {
    int j = 0;
    // Four weight rows at a time stay in L1 while every input row passes over them.
    for (; j + 4 <= n; j += 4) {
        const float *w0 = w + (long)j * k, *w1 = w0 + k, *w2 = w1 + k, *w3 = w2 + k;
        for (int i = 0; i < m; i++) {
            const float *xi = x + (long)i * k;
            __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
            __m256 a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
            int p = 0;
            for (; p + 8 <= k; p += 8) {
                __m256 v = _mm256_loadu_ps(xi + p);
                a0 = _mm256_fmadd_ps(v, _mm256_loadu_ps(w0 + p), a0);
                a1 = _mm256_fmadd_ps(v, _mm256_loadu_ps(w1 + p), a1);
                a2 = _mm256_fmadd_ps(v, _mm256_loadu_ps(w2 + p), a2);
                a3 = _mm256_fmadd_ps(v, _mm256_loadu_ps(w3 + p), a3);
            }
            float s0 = horizontal_sum(a0), s1 = horizontal_sum(a1), s2 = horizontal_sum(a2), s3 = horizontal_sum(a3);
            for (; p < k; p++) {
                s0 += xi[p] * w0[p];
                s1 += xi[p] * w1[p];
                s2 += xi[p] * w2[p];
                s3 += xi[p] * w3[p];
            }
            float *yi = y + (long)i * ldy + j;
            yi[0] += s0;
            yi[1] += s1;
            yi[2] += s2;
            yi[3] += s3;
        }
    }
    for (; j < n; j++)
        for (int i = 0; i < m; i++) y[(long)i * ldy + j] += dot(x + (long)i * k, w + (long)j * k, k);
}

#else

int zg_small_matmul_available(void) { return 0; }

void zg_small_matmul_accumulate(int m, int n, int k, const float *x, const float *w, float *y, int ldy) {
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            float sum = 0;
            for (int p = 0; p < k; p++) sum += x[(long)i * k + p] * w[(long)j * k + p];
            y[(long)i * ldy + j] += sum;
        }
}

#endif
