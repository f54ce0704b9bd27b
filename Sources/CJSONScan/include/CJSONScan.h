// Byte searches for the JSON scanners of NHICollect, where a measured need exists: string
// contents are most of an audit log's bytes, and a 16-byte vector compare finds their end in
// one step where Swift's eight-byte SWAR takes two or three (see docs/performance.md).
// Header-only and static inline, so that Swift inlines them into the scanners.
#ifndef NHI_CJSONSCAN_H
#define NHI_CJSONSCAN_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

/// The first byte in [p, end) that can end or interrupt a JSON string's plain run: '"', '\\' or
/// a control character (below 0x20); end when there is none.
static inline const uint8_t *nhi_json_string_stop(const uint8_t *p, const uint8_t *end) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F);
    while (end - p >= 16) {
        const __m128i bytes = _mm_loadu_si128((const __m128i *)p);
        __m128i stops = _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash));
        // bytes <= 0x1F (unsigned) exactly where min(bytes, 0x1F) == bytes.
        stops = _mm_or_si128(stops, _mm_cmpeq_epi8(_mm_min_epu8(bytes, control), bytes));
        const unsigned mask = (unsigned)_mm_movemask_epi8(stops);
        if (mask != 0) return p + __builtin_ctz(mask);
        p += 16;
    }
#elif defined(__ARM_NEON)
    const uint8x16_t quote = vdupq_n_u8('"');
    const uint8x16_t backslash = vdupq_n_u8('\\');
    const uint8x16_t control = vdupq_n_u8(0x20);
    while (end - p >= 16) {
        const uint8x16_t bytes = vld1q_u8(p);
        const uint8x16_t stops = vorrq_u8(vorrq_u8(vceqq_u8(bytes, quote), vceqq_u8(bytes, backslash)), vcltq_u8(bytes, control));
        if (vmaxvq_u8(stops) != 0) break;
        p += 16;
    }
#endif
    while (p < end) {
        const uint8_t byte = *p;
        if (byte == '"' || byte == '\\' || byte < 0x20) return p;
        p++;
    }
    return end;
}

#endif
