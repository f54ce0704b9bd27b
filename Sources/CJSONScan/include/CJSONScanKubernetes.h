// The fast path of NHICollect's KubernetesAuditScanner: one C walk over an audit Event that
// notes where the fields aggregation reads are, checking their types as the Swift walk does and
// validating everything else as it skips it. It declines (returns 0) whatever it does not handle
// exactly as the Swift walk would: malformed JSON, a wrong type, keys written with escapes, an
// EventList, a credential id or `kind` the Swift walk would have to decode, a response code that
// is not plain digits, `requestObject` given twice. The Swift walk then reads the record, and says
// what is wrong where there is something wrong.
#ifndef NHI_CJSONSCAN_KUBERNETES_H
#define NHI_CJSONSCAN_KUBERNETES_H

#include "CJSONScan.h"

/// Field indices, in the order of Swift's `KubernetesAuditField` (its raw values).
enum {
    NHI_K8S_KIND, NHI_K8S_AUDIT_ID, NHI_K8S_STAGE, NHI_K8S_REQUEST_URI, NHI_K8S_VERB, NHI_K8S_USER_AGENT, NHI_K8S_SOURCE_IP,
    NHI_K8S_DECISION, NHI_K8S_USERNAME, NHI_K8S_CREDENTIAL_ID, NHI_K8S_IMPERSONATED_USERNAME, NHI_K8S_IMPERSONATED_CREDENTIAL_ID,
    NHI_K8S_RESOURCE, NHI_K8S_NAMESPACE, NHI_K8S_NAME, NHI_K8S_API_GROUP, NHI_K8S_SUBRESOURCE,
    NHI_K8S_REQUEST_RECEIVED_TIMESTAMP, NHI_K8S_STAGE_TIMESTAMP, NHI_K8S_TIMESTAMP,
    NHI_K8S_FIELDS,
    /// In `order`: the parts, in the order of Swift's `KubernetesAuditPart` (user, impersonatedUser, objectRef).
    NHI_K8S_PART_USER = 32,
    /// In `order`: `responseStatus.code` (`code`, or null) comes here.
    NHI_K8S_RESPONSE_CODE = 40,
    /// In `order`: `requestObject` (`body`) comes here.
    NHI_K8S_REQUEST_OBJECT = 41,
};

typedef struct {
    /// Only the fields named in `order` are set.
    nhi_json_span fields[NHI_K8S_FIELDS];
    /// What the event gave, in file order.
    uint8_t order[32];
    int32_t order_count;
    int32_t code_is_null;
    int64_t code;
    const uint8_t *body;
    int64_t body_count;
} nhi_k8s_event;

/// The walk's state: the record's start, the event being filled, and per object which keys were
/// read already (of repeated keys the first counts, as Foundation's decoder does).
typedef struct {
    const uint8_t *begin;
    nhi_k8s_event *event;
    uint32_t top_seen, user_seen, ref_seen, status_seen;
    int impersonated, credential_found, decision_found, bodies;
} nhi_k8s_walk;

NHI_JSON_INLINE void nhi_k8s_note(nhi_k8s_event *event, int item) { event->order[event->order_count++] = (uint8_t)item; }

/// A string (noted as `field`, with whether it is ASCII: the aggregator then has no UTF-8 to
/// check) or null; anything else is a wrong type (declined).
NHI_JSON_INLINE const uint8_t *nhi_k8s_string(const uint8_t *p, const uint8_t *end, int field, nhi_k8s_walk *walk) {
    if (p < end && *p == '"') {
        p = nhi_json_string_noting(p, end, walk->begin, &walk->event->fields[field], 1);
        if (p != NULL) nhi_k8s_note(walk->event, field);
        return p;
    }
    if (p < end && *p == 'n') return nhi_json_skip_literal(p, end, "null", 4);
    return NULL;
}

/// An array of strings (cursor at '['): the first noted as `field`, or, when `field` is -1,
/// declined if decoding it could fail (escapes, non-ASCII), as the Swift walk decodes it.
NHI_JSON_INLINE const uint8_t *nhi_k8s_first_string(const uint8_t *p, const uint8_t *end, int field, nhi_k8s_walk *walk) {
    p = nhi_json_skip_whitespace(p + 1, end);
    if (p < end && *p == ']') return p + 1;
    for (int index = 0;; index++) {
        if (p >= end || *p != '"') return NULL;
        if (index == 0 && field >= 0) {
            p = nhi_k8s_string(p, end, field, walk);
        } else if (index == 0) {
            nhi_json_span first;
            p = nhi_json_string(p, end, walk->begin, &first);
            if (p == NULL || first.escaped || !nhi_json_is_ascii(first.start, (long)first.count)) return NULL;
        } else {
            p = nhi_json_skip_string(p + 1, end);
        }
        if (p == NULL) return NULL;
        p = nhi_json_skip_whitespace(p, end);
        if (p >= end) return NULL;
        if (*p == ']') return p + 1;
        if (*p != ',') return NULL;
        p = nhi_json_skip_whitespace(p + 1, end);
    }
}

/// An object read by `member`, or null (1 with the cursor past null); anything else declines (NULL).
NHI_JSON_INLINE const uint8_t *nhi_k8s_object_or_null(const uint8_t *p, const uint8_t *end, nhi_json_member member, nhi_k8s_walk *walk) {
    if (p < end && *p == '{') return nhi_json_object(p, end, member, walk);
    if (p < end && *p == 'n') return nhi_json_skip_literal(p, end, "null", 4);
    return NULL;
}

/// A member of `user.extra`: arrays of strings; of the credential id the first.
NHI_JSON_INLINE const uint8_t *nhi_k8s_extra_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_k8s_walk *walk = context;
    if (escaped || p >= end || *p != '[') return NULL;
    const int wanted = !walk->credential_found && nhi_json_key(key, count, "authentication.kubernetes.io/credential-id", 42);
    if (wanted) walk->credential_found = 1;
    const int field = walk->impersonated ? NHI_K8S_IMPERSONATED_CREDENTIAL_ID : NHI_K8S_CREDENTIAL_ID;
    return nhi_k8s_first_string(p, end, wanted ? field : -1, walk);
}

/// A member of `user` or `impersonatedUser`.
NHI_JSON_INLINE const uint8_t *nhi_k8s_user_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_k8s_walk *walk = context;
    if (escaped) return NULL;
    if (nhi_json_key(key, count, "username", 8) && !(walk->user_seen & 1)) {
        walk->user_seen |= 1;
        return nhi_k8s_string(p, end, walk->impersonated ? NHI_K8S_IMPERSONATED_USERNAME : NHI_K8S_USERNAME, walk);
    }
    if (nhi_json_key(key, count, "extra", 5) && !(walk->user_seen & 2)) {
        walk->user_seen |= 2;
        walk->credential_found = 0;
        return nhi_k8s_object_or_null(p, end, nhi_k8s_extra_member, walk);
    }
    return nhi_json_skip_value(p, end, 2, NHI_JSON_MAX_DEPTH);
}

/// A member of `objectRef`.
NHI_JSON_INLINE const uint8_t *nhi_k8s_ref_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_k8s_walk *walk = context;
    if (escaped) return NULL;
    int field = -1, bit = 0;
    if (nhi_json_key(key, count, "resource", 8)) { field = NHI_K8S_RESOURCE; bit = 1; }
    else if (nhi_json_key(key, count, "namespace", 9)) { field = NHI_K8S_NAMESPACE; bit = 2; }
    else if (nhi_json_key(key, count, "name", 4)) { field = NHI_K8S_NAME; bit = 4; }
    else if (nhi_json_key(key, count, "apiGroup", 8)) { field = NHI_K8S_API_GROUP; bit = 8; }
    else if (nhi_json_key(key, count, "subresource", 11)) { field = NHI_K8S_SUBRESOURCE; bit = 16; }
    if (field < 0 || (walk->ref_seen & bit)) return nhi_json_skip_value(p, end, 2, NHI_JSON_MAX_DEPTH);
    walk->ref_seen |= bit;
    return nhi_k8s_string(p, end, field, walk);
}

/// A member of `responseStatus`: of `code`, plain digits or null (anything else declines).
NHI_JSON_INLINE const uint8_t *nhi_k8s_status_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_k8s_walk *walk = context;
    if (escaped) return NULL;
    if (!nhi_json_key(key, count, "code", 4) || walk->status_seen) return nhi_json_skip_value(p, end, 2, NHI_JSON_MAX_DEPTH);
    walk->status_seen = 1;
    nhi_k8s_event *event = walk->event;
    if (p < end && *p == 'n') {
        p = nhi_json_skip_literal(p, end, "null", 4);
        event->code_is_null = 1;
    } else {
        if (p >= end || (uint8_t)(*p - '0') >= 10) return NULL;
        const uint8_t *stop = nhi_json_skip_number(p, end);
        if (stop == NULL || stop - p > 18) return NULL;
        int64_t value = 0;
        for (const uint8_t *digit = p; digit < stop; digit++) {
            if ((uint8_t)(*digit - '0') >= 10) return NULL;
            value = value * 10 + (*digit - '0');
        }
        event->code_is_null = 0;
        event->code = value;
        p = stop;
    }
    if (p != NULL) nhi_k8s_note(event, NHI_K8S_RESPONSE_CODE);
    return p;
}

/// A member of `annotations`: strings; of the authorization decision the first.
NHI_JSON_INLINE const uint8_t *nhi_k8s_annotation_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_k8s_walk *walk = context;
    if (escaped || p >= end || *p != '"') return NULL;
    if (!walk->decision_found && nhi_json_key(key, count, "authorization.k8s.io/decision", 29)) {
        walk->decision_found = 1;
        return nhi_k8s_string(p, end, NHI_K8S_DECISION, walk);
    }
    return nhi_json_skip_string(p + 1, end);
}

/// The top-level keys read (bits of `top_seen`), by length then name; -1 for any other.
NHI_JSON_INLINE int nhi_k8s_top_key(const uint8_t *key, long count) {
    switch (count) {
    case 4:
        if (nhi_json_key(key, count, "kind", 4)) return 0;
        if (nhi_json_key(key, count, "verb", 4)) return 1;
        if (nhi_json_key(key, count, "user", 4)) return 2;
        break;
    case 5:
        if (nhi_json_key(key, count, "stage", 5)) return 3;
        if (nhi_json_key(key, count, "items", 5)) return 4;
        break;
    case 7: if (nhi_json_key(key, count, "auditID", 7)) return 5; break;
    case 9:
        if (nhi_json_key(key, count, "sourceIPs", 9)) return 6;
        if (nhi_json_key(key, count, "userAgent", 9)) return 7;
        if (nhi_json_key(key, count, "objectRef", 9)) return 8;
        if (nhi_json_key(key, count, "timestamp", 9)) return 9;
        break;
    case 10: if (nhi_json_key(key, count, "requestURI", 10)) return 10; break;
    case 11: if (nhi_json_key(key, count, "annotations", 11)) return 11; break;
    case 13: if (nhi_json_key(key, count, "requestObject", 13)) return 12; break;
    case 14:
        if (nhi_json_key(key, count, "responseStatus", 14)) return 13;
        if (nhi_json_key(key, count, "stageTimestamp", 14)) return 14;
        break;
    case 16: if (nhi_json_key(key, count, "impersonatedUser", 16)) return 15; break;
    case 24: if (nhi_json_key(key, count, "requestReceivedTimestamp", 24)) return 16; break;
    }
    return -1;
}

/// A member of the Event.
NHI_JSON_INLINE const uint8_t *nhi_k8s_event_member(const uint8_t *p, const uint8_t *end, const uint8_t *key, long count, int escaped, void *context) {
    nhi_k8s_walk *walk = context;
    nhi_k8s_event *event = walk->event;
    if (escaped) return NULL;
    const int which = nhi_k8s_top_key(key, count);
    if (which == 12) {
        // requestObject: of repeated keys the last counts; declined, so there is one.
        if (walk->bodies++) return NULL;
        const uint8_t *start = p;
        p = nhi_json_skip_value(p, end, 1, NHI_JSON_MAX_DEPTH);
        if (p == NULL) return NULL;
        event->body = start;
        event->body_count = p - start;
        nhi_k8s_note(event, NHI_K8S_REQUEST_OBJECT);
        return p;
    }
    if (which < 0 || (walk->top_seen >> which & 1)) return nhi_json_skip_value(p, end, 1, NHI_JSON_MAX_DEPTH);
    walk->top_seen |= (uint32_t)1 << which;
    switch (which) {
    case 0: {
        const int isString = p < end && *p == '"';
        p = nhi_k8s_string(p, end, NHI_K8S_KIND, walk);
        // An EventList (or a kind that must be decoded to tell) is the Swift walk's.
        if (p != NULL && isString) {
            const nhi_json_span *kind = &event->fields[NHI_K8S_KIND];
            if (kind->escaped || nhi_json_key(kind->start, kind->count, "EventList", 9)) return NULL;
        }
        return p;
    }
    case 1: return nhi_k8s_string(p, end, NHI_K8S_VERB, walk);
    case 2: case 15:
        walk->impersonated = which == 15;
        walk->user_seen = 0;
        if (p < end && *p == '{') nhi_k8s_note(event, walk->impersonated ? NHI_K8S_PART_USER + 1 : NHI_K8S_PART_USER);
        return nhi_k8s_object_or_null(p, end, nhi_k8s_user_member, walk);
    case 3: return nhi_k8s_string(p, end, NHI_K8S_STAGE, walk);
    case 4: return NULL;
    case 5: return nhi_k8s_string(p, end, NHI_K8S_AUDIT_ID, walk);
    case 6:
        if (p < end && *p == '[') return nhi_k8s_first_string(p, end, NHI_K8S_SOURCE_IP, walk);
        if (p < end && *p == 'n') return nhi_json_skip_literal(p, end, "null", 4);
        return NULL;
    case 7: return nhi_k8s_string(p, end, NHI_K8S_USER_AGENT, walk);
    case 8:
        if (p < end && *p == '{') nhi_k8s_note(event, NHI_K8S_PART_USER + 2);
        return nhi_k8s_object_or_null(p, end, nhi_k8s_ref_member, walk);
    case 9: return nhi_k8s_string(p, end, NHI_K8S_TIMESTAMP, walk);
    case 10: return nhi_k8s_string(p, end, NHI_K8S_REQUEST_URI, walk);
    case 11: return nhi_k8s_object_or_null(p, end, nhi_k8s_annotation_member, walk);
    case 13: return nhi_k8s_object_or_null(p, end, nhi_k8s_status_member, walk);
    case 14: return nhi_k8s_string(p, end, NHI_K8S_STAGE_TIMESTAMP, walk);
    case 16: return nhi_k8s_string(p, end, NHI_K8S_REQUEST_RECEIVED_TIMESTAMP, walk);
    }
    return NULL;
}

/// Walks the Event in [p, end) (one JSON object, whitespace around it allowed). 1 with `event`
/// filled, or 0: declined, read it with the Swift walk.
static inline int nhi_k8s_scan(const uint8_t *p, const uint8_t *end, nhi_k8s_event *event) {
    nhi_k8s_walk walk = { p, event, 0, 0, 0, 0, 0, 0, 0, 0 };
    event->order_count = 0;
    p = nhi_json_skip_whitespace(p, end);
    if (p >= end || *p != '{') return 0;
    p = nhi_json_object(p, end, nhi_k8s_event_member, &walk);
    return p != NULL && nhi_json_skip_whitespace(p, end) == end;
}

#endif
