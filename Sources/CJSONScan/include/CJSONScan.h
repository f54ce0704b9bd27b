// The hot path of NHICollect's JSON scanners, in C where a measured need exists (see
// docs/performance.md): the search for the end of a string's plain run (16 bytes at a time, where
// Swift's eight-byte SWAR takes two or three steps), the validating skip of a value, a member
// loop, and on top of them the CloudTrail and Kubernetes audit event walks. Each is the fast path
// of Swift code it is tested against. Header-only and static inline, so that Swift inlines them.
#ifndef NHI_CJSONSCAN_H
#define NHI_CJSONSCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

/// How deep values may nest; JSONCursor.maxDepth is this.
#define NHI_JSON_MAX_DEPTH 512

/// Forced inline: the event walks are small functions, one per object level, handed to one
/// member loop; inlined, they compile to one function with direct branches (measured: as calls,
/// the CloudTrail walk cost more instructions than the Swift walk it replaces). The string search
/// is inlined into every caller too: it runs once per string, most strings are short, and the
/// call cost as much as the search.
#define NHI_JSON_INLINE static inline __attribute__((always_inline))

/// The first byte in [p, end) that can end or interrupt a JSON string's plain run: '"', '\\' or
/// a control character (below 0x20); end when there is none. With `ascii`, also whether every
/// byte before that one is ASCII (a constant when inlined: without it, no extra work is done).
NHI_JSON_INLINE const uint8_t *nhi_json_string_stop_noting(const uint8_t *p, const uint8_t *end, int *ascii) {
    unsigned high = 0;
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
        // The top bits of the bytes: those before the stop are the string's.
        const unsigned top = ascii ? (unsigned)_mm_movemask_epi8(bytes) : 0;
        if (mask != 0) {
            const int stop = __builtin_ctz(mask);
            if (ascii) *ascii = (high | (top & ((1u << stop) - 1))) == 0;
            return p + stop;
        }
        high |= top;
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
        if (ascii) high |= vmaxvq_u8(bytes) & 0x80;
        p += 16;
    }
#endif
    while (p < end) {
        const uint8_t byte = *p;
        if (byte == '"' || byte == '\\' || byte < 0x20) break;
        high |= byte & 0x80;
        p++;
    }
    if (ascii) *ascii = high == 0;
    return p;
}

/// The first byte in [p, end) that can end or interrupt a JSON string's plain run: '"', '\\' or
/// a control character (below 0x20); end when there is none.
NHI_JSON_INLINE const uint8_t *nhi_json_string_stop(const uint8_t *p, const uint8_t *end) {
    return nhi_json_string_stop_noting(p, end, NULL);
}

static inline const uint8_t *nhi_json_skip_whitespace(const uint8_t *p, const uint8_t *end) {
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    return p;
}

static inline int nhi_json_is_hex(uint8_t byte) {
    return (byte >= '0' && byte <= '9') || ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'f');
}

/// Past the closing quote of a string whose contents start at p; NULL when it is unterminated or
/// holds a control character or an invalid escape.
NHI_JSON_INLINE const uint8_t *nhi_json_skip_string(const uint8_t *p, const uint8_t *end) {
    for (;;) {
        p = nhi_json_string_stop(p, end);
        if (p >= end) return NULL;
        if (*p == '"') return p + 1;
        if (*p != '\\' || end - p < 2) return NULL;
        switch (p[1]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            p += 2;
            break;
        case 'u':
            if (end - p < 6 || !nhi_json_is_hex(p[2]) || !nhi_json_is_hex(p[3]) || !nhi_json_is_hex(p[4]) || !nhi_json_is_hex(p[5])) return NULL;
            p += 6;
            break;
        default:
            return NULL;
        }
    }
}

static inline int nhi_json_is_digit(const uint8_t *p, const uint8_t *end) { return p < end && (uint8_t)(*p - '0') < 10; }

/// Past a number starting at p (JSON grammar: no leading zeros, digits after '.' and in the
/// exponent); NULL when malformed. What follows the number is the container's business.
static inline const uint8_t *nhi_json_skip_number(const uint8_t *p, const uint8_t *end) {
    if (*p == '-') p++;
    if (!nhi_json_is_digit(p, end)) return NULL;
    if (*p == '0') p++; else while (nhi_json_is_digit(p, end)) p++;
    if (p < end && *p == '.') {
        p++;
        if (!nhi_json_is_digit(p, end)) return NULL;
        while (nhi_json_is_digit(p, end)) p++;
    }
    if (p < end && (*p | 0x20) == 'e') {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        if (!nhi_json_is_digit(p, end)) return NULL;
        while (nhi_json_is_digit(p, end)) p++;
    }
    return p;
}

static inline const uint8_t *nhi_json_skip_literal(const uint8_t *p, const uint8_t *end, const char *word, long count) {
    if (end - p < count) return NULL;
    for (long index = 0; index < count; index++) if (p[index] != (uint8_t)word[index]) return NULL;
    return p + count;
}

/// Skips and validates one JSON value starting exactly at p (no leading whitespace), inside
/// `depth` enclosing containers: the pointer just past it, or NULL when it is malformed,
/// truncated, or any value in it lies `max_depth` or more containers deep. It is the fast path
/// of `JSONCursor.skipValue`, which accepts exactly the same values and, on NULL, walks the value
/// again itself to say what is wrong and where; one loop with an explicit stack instead of
/// recursion, so that a skipped object costs no calls.
static inline const uint8_t *nhi_json_skip_value(const uint8_t *p, const uint8_t *end, long depth, long max_depth) {
    // One bit per open container, 1 for an object; deeper than this is refused (NULL) anyway.
    uint64_t objects[8] = {0};
    long level = 0;
    if (max_depth - depth > 8 * 64) return NULL;
value:
    if (depth + level >= max_depth || p >= end) return NULL;
    switch (*p) {
    case '"':
        p = nhi_json_skip_string(p + 1, end);
        if (p == NULL) return NULL;
        break;
    case '{':
        objects[level >> 6] |= (uint64_t)1 << (level & 63);
        level++;
        p = nhi_json_skip_whitespace(p + 1, end);
        if (p < end && *p == '}') { p++; level--; break; }
        goto key;
    case '[':
        objects[level >> 6] &= ~((uint64_t)1 << (level & 63));
        level++;
        p = nhi_json_skip_whitespace(p + 1, end);
        if (p < end && *p == ']') { p++; level--; break; }
        goto value;
    case 't': p = nhi_json_skip_literal(p, end, "true", 4); if (p == NULL) return NULL; break;
    case 'f': p = nhi_json_skip_literal(p, end, "false", 5); if (p == NULL) return NULL; break;
    case 'n': p = nhi_json_skip_literal(p, end, "null", 4); if (p == NULL) return NULL; break;
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        p = nhi_json_skip_number(p, end);
        if (p == NULL) return NULL;
        break;
    default:
        return NULL;
    }
    // After a value: close containers or move to the next member.
    for (;;) {
        if (level == 0) return p;
        p = nhi_json_skip_whitespace(p, end);
        if (p >= end) return NULL;
        const int inObject = (objects[(level - 1) >> 6] >> ((level - 1) & 63)) & 1;
        if (*p == (inObject ? '}' : ']')) { p++; level--; continue; }
        if (*p != ',') return NULL;
        p = nhi_json_skip_whitespace(p + 1, end);
        if (inObject) goto key;
        goto value;
    }
key:
    if (p >= end || *p != '"') return NULL;
    p = nhi_json_skip_string(p + 1, end);
    if (p == NULL) return NULL;
    p = nhi_json_skip_whitespace(p, end);
    if (p >= end || *p != ':') return NULL;
    p = nhi_json_skip_whitespace(p + 1, end);
    goto value;
}

/// How often a byte occurs in the JSON the sniffers search, roughly: 0 for quotes, structure,
/// digits and the commonest lower-case letters, 1 for other lower-case letters, 2 for the rest
/// (upper case above all, which keys such as "UserDetailList" have and most text lacks).
static inline int nhi_find_bytes_rarity(uint8_t byte) {
    if (byte >= 'A' && byte <= 'Z') return 2;
    switch (byte) {
    case '"': case ':': case ',': case ' ': case '{': case '}': case '[': case ']':
    case 'e': case 't': case 'a': case 'o': case 'i': case 'n': case 's': case 'r':
        return 0;
    default:
        return (byte >= '0' && byte <= '9') ? 0 : (byte >= 'a' && byte <= 'z') ? 1 : 2;
    }
}

/// Where the `count` bytes of `needle` first occur in [p, end), or NULL. Sixteen candidate
/// positions at a time are those where two of the needle's bytes match (SSE2): its two rarest
/// (`nhi_find_bytes_rarity`, the earlier of equals). A needle's first and last bytes are '"' for
/// the keys the collector sniffs every file's head for, and a JSON head has a quoted string of any
/// given length every few hundred bytes: probing those made a call to memcmp per string, and
/// sniffing the thousands of files of an S3 trail cost as much as hashing them.
static inline const uint8_t *nhi_find_bytes(const uint8_t *p, const uint8_t *end, const uint8_t *needle, long count) {
    if (count == 0) return p;
    if (end - p < count) return NULL;
    const uint8_t *const last = end - count;
#if defined(__SSE2__)
    // The two probes, first < second when the needle has two bytes or more.
    long first = 0, second = count - 1;
    if (count >= 2) {
        long rarest = 0;
        for (long index = 1; index < count; index++)
            if (nhi_find_bytes_rarity(needle[index]) > nhi_find_bytes_rarity(needle[rarest])) rarest = index;
        long next = rarest == 0 ? 1 : 0;
        for (long index = next + 1; index < count; index++)
            if (index != rarest && nhi_find_bytes_rarity(needle[index]) > nhi_find_bytes_rarity(needle[next])) next = index;
        first = rarest < next ? rarest : next;
        second = rarest < next ? next : rarest;
    }
    const __m128i first_byte = _mm_set1_epi8((char)needle[first]);
    const __m128i second_byte = _mm_set1_epi8((char)needle[second]);
    // Both probes lie within the needle, so each load ends at or before p + count + 15 <= end.
    while (last - p >= 15) {
        const __m128i at_first = _mm_loadu_si128((const __m128i *)(p + first));
        const __m128i at_second = _mm_loadu_si128((const __m128i *)(p + second));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(at_first, first_byte), _mm_cmpeq_epi8(at_second, second_byte)));
        while (mask != 0) {
            const uint8_t *candidate = p + __builtin_ctz(mask);
            if (memcmp(candidate, needle, (size_t)count) == 0) return candidate;
            mask &= mask - 1;
        }
        p += 16;
    }
#endif
    for (; p <= last; p++) {
        if (*p == needle[0] && p[count - 1] == needle[count - 1] && memcmp(p, needle, (size_t)count) == 0) return p;
    }
    return NULL;
}

/// The index of the first of values[0..<count] equal to `id`, or -1; four at a time (SSE2). The
/// audit aggregators' counters keep each kind's values side by side, so that counting a value the
/// counter has not kept (every event, for a caller's access keys drawn from thousands) reads one
/// cache line per kind.
static inline long nhi_find_int32(const int32_t *values, long count, int32_t id) {
    long index = 0;
#if defined(__SSE2__)
    const __m128i needle = _mm_set1_epi32(id);
    for (; index + 4 <= count; index += 4) {
        const __m128i four = _mm_loadu_si128((const __m128i *)(values + index));
        const unsigned mask = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(four, needle)));
        if (mask != 0) return index + __builtin_ctz(mask);
    }
#endif
    for (; index < count; index++) if (values[index] == id) return index;
    return -1;
}

/// Asks for the cache line at p ahead of its use. The aggregators' tables are larger than L2
/// when callers vary: an event's lookups that do not depend on each other start their misses
/// together this way, where each would otherwise wait for the one before.
static inline void nhi_prefetch(const void *p) { __builtin_prefetch(p, 1, 3); }

/// True when the `count` bytes at p are ASCII (what the Swift walks read without decoding).
NHI_JSON_INLINE int nhi_json_is_ascii(const uint8_t *p, long count) {
    for (long index = 0; index < count; index++) if (p[index] >= 0x80) return 0;
    return 1;
}

/// A string's contents (between the quotes, still escaped), and where its value starts.
typedef struct {
    const uint8_t *start;
    int64_t count;
    int64_t offset;
    int32_t escaped;
    /// 1 when the walk saw that the contents are all ASCII (so valid UTF-8); 0 when it did not
    /// look (`nhi_json_string`) or they are not.
    int32_t ascii;
} nhi_json_span;

/// `nhi_json_string`, and with `note_ascii` (a constant once inlined) `span->ascii` is set for a
/// string without escapes, at the cost of a movemask per sixteen bytes.
NHI_JSON_INLINE const uint8_t *nhi_json_string_noting(const uint8_t *p, const uint8_t *end, const uint8_t *begin, nhi_json_span *span,
                                                      int note_ascii) {
    const uint8_t *start = p + 1;
    int ascii = 0;
    const uint8_t *stop = nhi_json_string_stop_noting(start, end, note_ascii ? &ascii : NULL);
    int escaped = 0;
    if (stop < end && *stop == '"') {
        p = stop + 1;
    } else {
        p = nhi_json_skip_string(start, end);
        if (p == NULL) return NULL;
        escaped = 1;
        ascii = 0;
    }
    span->start = start;
    span->count = (p - 1) - start;
    span->offset = (start - 1) - begin;
    span->escaped = escaped;
    span->ascii = ascii;
    return p;
}

/// The string whose opening quote is at p, noted in `span` (its offset, from `begin`, at the
/// quote); the cursor past it, or NULL when it is malformed.
NHI_JSON_INLINE const uint8_t *nhi_json_string(const uint8_t *p, const uint8_t *end, const uint8_t *begin, nhi_json_span *span) {
    return nhi_json_string_noting(p, end, begin, span, 0);
}

/// Reads one member's value (cursor at it; its key's contents, still escaped when `escaped`);
/// the cursor past the value, or NULL to stop the walk.
typedef const uint8_t *(*nhi_json_member)(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context);

/// The members of the object whose '{' is at p, each read by `member`: the cursor past the
/// object, or NULL when it is malformed or a member stops the walk.
NHI_JSON_INLINE const uint8_t *nhi_json_object(const uint8_t *p, const uint8_t *end, nhi_json_member member, void *context) {
    p = nhi_json_skip_whitespace(p + 1, end);
    if (p < end && *p == '}') return p + 1;
    for (;;) {
        if (p >= end || *p != '"') return NULL;
        nhi_json_span key;
        p = nhi_json_string(p, end, p, &key);
        if (p == NULL) return NULL;
        p = nhi_json_skip_whitespace(p, end);
        if (p >= end || *p != ':') return NULL;
        p = member(nhi_json_skip_whitespace(p + 1, end), end, key.start, (long)key.count, key.escaped, context);
        if (p == NULL) return NULL;
        p = nhi_json_skip_whitespace(p, end);
        if (p >= end) return NULL;
        if (*p == '}') return p + 1;
        if (*p != ',') return NULL;
        p = nhi_json_skip_whitespace(p + 1, end);
    }
}

/// A plain key compared with a literal of the same length.
NHI_JSON_INLINE int nhi_json_key(const uint8_t *key, long count, const char *literal, long length) {
    return count == length && memcmp(key, literal, (size_t)length) == 0;
}

// The event walks, built on the functions above.
#include "CJSONScanCloudTrail.h"
#include "CJSONScanKubernetes.h"

#endif
