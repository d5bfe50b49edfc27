// Attention of one sequence, every head, through the packed matrix product: per head, pack the keys, scores =
// queries · keysᵀ, softmax, pack the values, context = scores · values. Five calls per head from C instead of
// two BLAS calls plus a softmax from Swift: at 13 tokens each BLAS call's fixed cost outweighed its arithmetic.
#include "CEncoderKernels.h"

#include <math.h>

size_t dict_attention_workspace_float_count(int longest, int head_size) {
    return dict_packed_float_count(longest, head_size) + dict_packed_float_count(head_size, longest)
        + (size_t)longest * (size_t)longest;
}

void dict_attention(DictKernelSet set, int length, int heads, int head_size, const float *qkv, int qkv_stride,
                    float *context, int context_stride, float *workspace) {
    if (length <= 0) return;
    int width = heads * head_size;
    float *keys = workspace;
    float *values = keys + dict_packed_float_count(length, head_size);
    float *scores = values + dict_packed_float_count(head_size, length);
    float scale = 1.0f / sqrtf((float)head_size);
    for (int head = 0; head < heads; head++) {
        const float *query = qkv + head * head_size;
        const float *key = query + width, *value = query + 2 * width;
        dict_pack_nk(key, length, head_size, qkv_stride, keys);
        dict_gemm_packed(set, length, length, head_size, query, qkv_stride, keys, scores, length, false, NULL, NULL, 0, 0);
        dict_softmax_rows(set, scores, length, length, length, scale);
        dict_pack_kn(value, length, head_size, qkv_stride, values);
        dict_gemm_packed(set, length, head_size, length, scores, length, values, context + head * head_size, context_stride,
                         false, NULL, NULL, 0, 0);
    }
}
