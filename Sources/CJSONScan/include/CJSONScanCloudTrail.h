// The fast path of NHICollect's CloudTrailScanner: one C walk over a CloudTrail event that
// notes where the fields collection reads are, validating everything else as it skips it. The
// Swift walk it mirrors costs a call, an error check and a bounds check per token; this costs a
// branch (see docs/performance.md). It declines (returns 0) whatever it does not handle exactly
// as the Swift walk would: malformed JSON, keys written with escapes, a key given twice, more
// request parameters than it has room for. The Swift walk then reads the event, and says what is
// wrong where there is something wrong.
#ifndef NHI_CJSONSCAN_CLOUDTRAIL_H
#define NHI_CJSONSCAN_CLOUDTRAIL_H

#include "CJSONScan.h"

/// Field indices, in the order of Swift's `CloudTrailField` (its raw values).
enum {
    NHI_CT_EVENT_TIME, NHI_CT_EVENT_SOURCE, NHI_CT_EVENT_NAME, NHI_CT_EVENT_TYPE, NHI_CT_AWS_REGION,
    NHI_CT_RECIPIENT_ACCOUNT_ID, NHI_CT_SOURCE_IP_ADDRESS, NHI_CT_USER_AGENT, NHI_CT_ERROR_CODE, NHI_CT_EVENT_ID,
    NHI_CT_TYPE, NHI_CT_ARN, NHI_CT_ACCOUNT_ID, NHI_CT_ACCESS_KEY_ID, NHI_CT_PRINCIPAL_ID, NHI_CT_USER_NAME, NHI_CT_INVOKED_BY,
    NHI_CT_ISSUER_TYPE, NHI_CT_ISSUER_ARN, NHI_CT_ISSUER_ACCOUNT_ID, NHI_CT_ISSUER_USER_NAME,
    NHI_CT_FIELDS,
    /// In `order`: the request parameters' names come here.
    NHI_CT_REQUEST_NAMES = 254,
    /// In `order`: `readOnly` comes here.
    NHI_CT_READ_ONLY = 255,
    NHI_CT_MAX_NAMES = 64,
};

typedef struct {
    /// Only the string fields named in `order` are set.
    nhi_json_span fields[NHI_CT_FIELDS];
    /// What the event gave, in file order: field indices, NHI_CT_REQUEST_NAMES, NHI_CT_READ_ONLY.
    /// Fields present but not strings are left out.
    uint8_t order[NHI_CT_FIELDS + 2];
    int32_t order_count;
    /// -1 when `readOnly` is not a boolean (or the string "true" / "false").
    int32_t read_only;
    /// Whether `requestParameters` is an object; its member names follow.
    int32_t request_is_object;
    int32_t name_count;
    nhi_json_span names[NHI_CT_MAX_NAMES];
    /// The stamp of the memo that now holds the event's userIdentity (taken from it, or just
    /// stored in it), and its slot; stamp 0 when none does. Equal stamps mean equal bytes.
    uint64_t identity_stamp;
    int32_t identity_slot;
} nhi_ct_event;

enum {
    /// The userIdentity fields (`type` through `sessionContext.sessionIssuer.userName`).
    NHI_CT_IDENTITY_FIELDS = NHI_CT_ISSUER_USER_NAME - NHI_CT_TYPE + 1,
    NHI_CT_IDENTITY_MEMO_BYTES = 1024,
    NHI_CT_IDENTITY_MEMOS = 64,
    /// How many leading bytes of a userIdentity value choose its memo.
    NHI_CT_IDENTITY_PROBE = 128,
};

/// A userIdentity object walked before: its bytes, and what the walk noted in it, relative to
/// its first byte. The same bytes walk the same way, so a later event whose userIdentity has
/// exactly these bytes takes the notes instead of walking them again.
typedef struct {
    /// Set anew whenever the memo is stored: a reader may key what it derived from these bytes by it.
    uint64_t stamp;
    /// 0 when empty.
    uint32_t length;
    /// The fields noted, in walk order (values that were strings).
    uint8_t order_count;
    uint8_t order[NHI_CT_IDENTITY_FIELDS];
    /// Fields given (strings or not), as `nhi_ct_walk.seen` bits, and the nested objects seen.
    uint64_t seen;
    int32_t contexts, issuers;
    /// By field - NHI_CT_TYPE: the string's start (after its quote) and length, and escapes.
    uint32_t starts[NHI_CT_IDENTITY_FIELDS], counts[NHI_CT_IDENTITY_FIELDS];
    uint8_t escaped[NHI_CT_IDENTITY_FIELDS];
    uint8_t bytes[NHI_CT_IDENTITY_MEMO_BYTES];
} nhi_ct_identity_memo;

/// The userIdentity objects of recent events, chosen by a hash of their first bytes (a trail
/// names few principals many times). Zero-initialised by its owner; `hits` counts reuses.
typedef struct {
    uint64_t hits;
    /// The last stamp given.
    uint64_t stamps;
    nhi_ct_identity_memo memos[NHI_CT_IDENTITY_MEMOS];
} nhi_ct_identity_memos;

/// The walk's state: the record's start (offsets count from it), the event being filled, which
/// fields were given, how often each object that must not repeat was seen, and the memos.
typedef struct {
    const uint8_t *begin;
    nhi_ct_event *event;
    uint64_t seen;
    int identities, contexts, issuers, requests, read_onlys;
    nhi_ct_identity_memos *memos;
} nhi_ct_walk;

/// The object at p read by `member`; a value that is not an object is skipped as the Swift
/// walk skips it (inside `depth` containers).
NHI_JSON_INLINE const uint8_t *nhi_ct_object(const uint8_t *p, const uint8_t *end, long depth, nhi_json_member member, nhi_ct_walk *walk) {
    if (p >= end || *p != '{') return nhi_json_skip_value(p, end, depth, NHI_JSON_MAX_DEPTH);
    return nhi_json_object(p, end, member, walk);
}

/// Notes a field's value (a string, else nothing) and skips it; NULL when malformed. A field
/// given twice declines the event (`seen`), as it would change which value errors come from. A
/// value that is not a string is skipped as at the top level, as the Swift walk does.
NHI_JSON_INLINE const uint8_t *nhi_ct_field(const uint8_t *p, const uint8_t *end, int field, nhi_ct_walk *walk) {
    if (walk->seen >> field & 1) return NULL;
    walk->seen |= (uint64_t)1 << field;
    if (p < end && *p == '"') {
        nhi_ct_event *event = walk->event;
        p = nhi_json_string(p, end, walk->begin, &event->fields[field]);
        if (p != NULL) event->order[event->order_count++] = (uint8_t)field;
        return p;
    }
    return nhi_json_skip_value(p, end, 0, NHI_JSON_MAX_DEPTH);
}

/// A member of `userIdentity.sessionContext.sessionIssuer`.
NHI_JSON_INLINE const uint8_t *nhi_ct_issuer_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_ct_walk *walk = context;
    if (escaped) return NULL;
    if (nhi_json_key(key, count, "type", 4)) return nhi_ct_field(p, end, NHI_CT_ISSUER_TYPE, walk);
    if (nhi_json_key(key, count, "arn", 3)) return nhi_ct_field(p, end, NHI_CT_ISSUER_ARN, walk);
    if (nhi_json_key(key, count, "accountId", 9)) return nhi_ct_field(p, end, NHI_CT_ISSUER_ACCOUNT_ID, walk);
    if (nhi_json_key(key, count, "userName", 8)) return nhi_ct_field(p, end, NHI_CT_ISSUER_USER_NAME, walk);
    return nhi_json_skip_value(p, end, 3, NHI_JSON_MAX_DEPTH);
}

/// A member of `userIdentity.sessionContext`. A second issuer would replace the first wholesale,
/// as the Swift walk does: declined.
NHI_JSON_INLINE const uint8_t *nhi_ct_context_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_ct_walk *walk = context;
    if (escaped) return NULL;
    if (!nhi_json_key(key, count, "sessionIssuer", 13)) return nhi_json_skip_value(p, end, 2, NHI_JSON_MAX_DEPTH);
    if (walk->issuers++) return NULL;
    return nhi_ct_object(p, end, 2, nhi_ct_issuer_member, walk);
}

/// A member of `userIdentity`.
NHI_JSON_INLINE const uint8_t *nhi_ct_identity_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_ct_walk *walk = context;
    if (escaped) return NULL;
    switch (count) {
    case 3: if (nhi_json_key(key, count, "arn", 3)) return nhi_ct_field(p, end, NHI_CT_ARN, walk); break;
    case 4: if (nhi_json_key(key, count, "type", 4)) return nhi_ct_field(p, end, NHI_CT_TYPE, walk); break;
    case 8: if (nhi_json_key(key, count, "userName", 8)) return nhi_ct_field(p, end, NHI_CT_USER_NAME, walk); break;
    case 9:
        if (nhi_json_key(key, count, "accountId", 9)) return nhi_ct_field(p, end, NHI_CT_ACCOUNT_ID, walk);
        if (nhi_json_key(key, count, "invokedBy", 9)) return nhi_ct_field(p, end, NHI_CT_INVOKED_BY, walk);
        break;
    case 11:
        if (nhi_json_key(key, count, "accessKeyId", 11)) return nhi_ct_field(p, end, NHI_CT_ACCESS_KEY_ID, walk);
        if (nhi_json_key(key, count, "principalId", 11)) return nhi_ct_field(p, end, NHI_CT_PRINCIPAL_ID, walk);
        break;
    case 14:
        if (nhi_json_key(key, count, "sessionContext", 14)) {
            if (walk->contexts++) return NULL;
            return nhi_ct_object(p, end, 2, nhi_ct_context_member, walk);
        }
        break;
    }
    return nhi_json_skip_value(p, end, 1, NHI_JSON_MAX_DEPTH);
}

/// Which memo the userIdentity value at p would be in: a hash of its first bytes.
NHI_JSON_INLINE unsigned nhi_ct_identity_slot(const uint8_t *p, const uint8_t *end) {
    long count = end - p < NHI_CT_IDENTITY_PROBE ? end - p : NHI_CT_IDENTITY_PROBE;
    uint64_t hash = 0x9E3779B97F4A7C15ull ^ (uint64_t)count;
    long index = 0;
    for (; index + 8 <= count; index += 8) {
        uint64_t word;
        memcpy(&word, p + index, 8);
        hash = (hash ^ word) * 0xBF58476D1CE4E5B9ull;
        hash ^= hash >> 29;
    }
    for (; index < count; index++) hash = (hash ^ p[index]) * 0x94D049BB133111EBull;
    return (unsigned)(hash >> 40) % NHI_CT_IDENTITY_MEMOS;
}

/// `userIdentity`: taken from its memo when its bytes are those of one walked before, else
/// walked and, when it is an object that fits, memoised.
NHI_JSON_INLINE const uint8_t *nhi_ct_identity(const uint8_t *p, const uint8_t *end, nhi_ct_walk *walk) {
    nhi_ct_identity_memos *memos = walk->memos;
    if (memos == NULL || p >= end || *p != '{') return nhi_ct_object(p, end, 0, nhi_ct_identity_member, walk);
    nhi_ct_event *event = walk->event;
    const unsigned slot = nhi_ct_identity_slot(p, end);
    nhi_ct_identity_memo *memo = &memos->memos[slot];
    if (memo->length != 0 && memo->length <= (uint64_t)(end - p) && (walk->seen & memo->seen) == 0 &&
        memcmp(p, memo->bytes, memo->length) == 0) {
        const int64_t base = p - walk->begin;
        for (int index = 0; index < memo->order_count; index++) {
            const int field = memo->order[index], slot = field - NHI_CT_TYPE;
            nhi_json_span *span = &event->fields[field];
            span->start = p + memo->starts[slot];
            span->count = memo->counts[slot];
            span->offset = base + memo->starts[slot] - 1;
            span->escaped = memo->escaped[slot];
            event->order[event->order_count++] = (uint8_t)field;
        }
        walk->seen |= memo->seen;
        walk->contexts += memo->contexts;
        walk->issuers += memo->issuers;
        memos->hits++;
        event->identity_stamp = memo->stamp;
        event->identity_slot = (int32_t)slot;
        return p + memo->length;
    }
    const uint64_t seen = walk->seen;
    const int order_count = event->order_count, contexts = walk->contexts, issuers = walk->issuers;
    const uint8_t *after = nhi_ct_object(p, end, 0, nhi_ct_identity_member, walk);
    if (after == NULL || after - p > NHI_CT_IDENTITY_MEMO_BYTES) return after;
    memo->length = (uint32_t)(after - p);
    memcpy(memo->bytes, p, memo->length);
    memo->order_count = (uint8_t)(event->order_count - order_count);
    for (int index = 0; index < memo->order_count; index++) {
        const int field = event->order[order_count + index], slot = field - NHI_CT_TYPE;
        const nhi_json_span *span = &event->fields[field];
        memo->order[index] = (uint8_t)field;
        memo->starts[slot] = (uint32_t)(span->start - p);
        memo->counts[slot] = (uint32_t)span->count;
        memo->escaped[slot] = (uint8_t)span->escaped;
    }
    memo->seen = walk->seen & ~seen;
    memo->contexts = walk->contexts - contexts;
    memo->issuers = walk->issuers - issuers;
    memo->stamp = ++memos->stamps;
    event->identity_stamp = memo->stamp;
    event->identity_slot = (int32_t)slot;
    return after;
}

/// A member of `requestParameters`: its name, noted with the offset of its value (as the Swift
/// walk gives it).
NHI_JSON_INLINE const uint8_t *nhi_ct_request_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_ct_walk *walk = context;
    nhi_ct_event *event = walk->event;
    if (event->name_count == NHI_CT_MAX_NAMES) return NULL;
    nhi_json_span *name = &event->names[event->name_count++];
    name->start = key;
    name->count = count;
    name->escaped = escaped;
    name->offset = p - walk->begin;
    return nhi_json_skip_value(p, end, 1, NHI_JSON_MAX_DEPTH);
}

/// `readOnly`: a boolean, or the plain ASCII string "true" / "false"; else -1.
NHI_JSON_INLINE const uint8_t *nhi_ct_read_only(const uint8_t *p, const uint8_t *end, nhi_ct_event *event) {
    event->order[event->order_count++] = NHI_CT_READ_ONLY;
    event->read_only = -1;
    if (p < end && *p == '"') {
        const uint8_t *start = p + 1;
        const uint8_t *stop = nhi_json_string_stop(start, end);
        if (stop >= end || *stop != '"') return NULL;
        if (!nhi_json_is_ascii(start, stop - start)) return NULL;
        if (nhi_json_key(start, stop - start, "true", 4)) event->read_only = 1;
        else if (nhi_json_key(start, stop - start, "false", 5)) event->read_only = 0;
        return stop + 1;
    }
    if (p < end && *p == 't') { event->read_only = 1; return nhi_json_skip_literal(p, end, "true", 4); }
    if (p < end && *p == 'f') { event->read_only = 0; return nhi_json_skip_literal(p, end, "false", 5); }
    return nhi_json_skip_value(p, end, 0, NHI_JSON_MAX_DEPTH);
}

/// A member of the event.
NHI_JSON_INLINE const uint8_t *nhi_ct_event_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_ct_walk *walk = context;
    if (escaped) return NULL;
    nhi_ct_event *event = walk->event;
    switch (count) {
    case 7: if (nhi_json_key(key, count, "eventID", 7)) return nhi_ct_field(p, end, NHI_CT_EVENT_ID, walk); break;
    case 8:
        if (nhi_json_key(key, count, "readOnly", 8)) return walk->read_onlys++ ? NULL : nhi_ct_read_only(p, end, event);
        break;
    case 9:
        if (nhi_json_key(key, count, "eventTime", 9)) return nhi_ct_field(p, end, NHI_CT_EVENT_TIME, walk);
        if (nhi_json_key(key, count, "eventName", 9)) return nhi_ct_field(p, end, NHI_CT_EVENT_NAME, walk);
        if (nhi_json_key(key, count, "eventType", 9)) return nhi_ct_field(p, end, NHI_CT_EVENT_TYPE, walk);
        if (nhi_json_key(key, count, "awsRegion", 9)) return nhi_ct_field(p, end, NHI_CT_AWS_REGION, walk);
        if (nhi_json_key(key, count, "userAgent", 9)) return nhi_ct_field(p, end, NHI_CT_USER_AGENT, walk);
        if (nhi_json_key(key, count, "errorCode", 9)) return nhi_ct_field(p, end, NHI_CT_ERROR_CODE, walk);
        break;
    case 11: if (nhi_json_key(key, count, "eventSource", 11)) return nhi_ct_field(p, end, NHI_CT_EVENT_SOURCE, walk); break;
    case 12:
        if (nhi_json_key(key, count, "userIdentity", 12)) {
            if (walk->identities++) return NULL;
            return nhi_ct_identity(p, end, walk);
        }
        break;
    case 15: if (nhi_json_key(key, count, "sourceIPAddress", 15)) return nhi_ct_field(p, end, NHI_CT_SOURCE_IP_ADDRESS, walk); break;
    case 17:
        if (nhi_json_key(key, count, "requestParameters", 17)) {
            if (walk->requests++) return NULL;
            event->order[event->order_count++] = NHI_CT_REQUEST_NAMES;
            event->request_is_object = p < end && *p == '{';
            return nhi_ct_object(p, end, 0, nhi_ct_request_member, walk);
        }
        break;
    case 18: if (nhi_json_key(key, count, "recipientAccountId", 18)) return nhi_ct_field(p, end, NHI_CT_RECIPIENT_ACCOUNT_ID, walk); break;
    }
    return nhi_json_skip_value(p, end, 0, NHI_JSON_MAX_DEPTH);
}

/// Walks the event object starting exactly at p (its '{'), reading no further than its closing
/// '}': the pointer just past that, with `event` filled (offsets counted from `begin`), or NULL:
/// declined, or not ended before `end`. So an element of a `{"Records":[…]}` array is walked with
/// whatever follows it in the buffer, and its end is found by the walk that reads it, not by a
/// pass of its own before it.
static inline const uint8_t *nhi_ct_scan_object(const uint8_t *begin, const uint8_t *p, const uint8_t *end, nhi_ct_event *event, nhi_ct_identity_memos *memos) {
    nhi_ct_walk walk = { begin, event, 0, 0, 0, 0, 0, 0, memos };
    event->order_count = 0;
    event->name_count = 0;
    event->identity_stamp = 0;
    event->read_only = -1;
    event->request_is_object = 0;
    if (p >= end || *p != '{') return NULL;
    return nhi_ct_object(p, end, 0, nhi_ct_event_member, &walk);
}

/// Walks the event in [p, end) (one JSON object, whitespace around it allowed). 1 with `event`
/// filled, or 0: declined, read it with the Swift walk. `memos` (or NULL) keeps the userIdentity
/// objects of recent events from one event to the next.
static inline int nhi_ct_scan(const uint8_t *p, const uint8_t *end, nhi_ct_event *event, nhi_ct_identity_memos *memos) {
    const uint8_t *after = nhi_ct_scan_object(p, nhi_json_skip_whitespace(p, end), end, event, memos);
    return after != NULL && nhi_json_skip_whitespace(after, end) == end;
}

#endif
