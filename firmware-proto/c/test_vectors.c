/*
 * test_vectors.c - runs the shared PSP/1 vectors (firmware-proto/vectors/
 * psp1.json) against the C codec, plus a few self-checks of the primitives
 * and of the deframer's robustness.
 *
 * Usage: test_vectors PATH/TO/psp1.json
 * Prints one line per failure and ends with "N passed, M failed"; exits
 * non-zero if anything failed or the file could not be read.
 *
 * The JSON reader below is deliberately small and strict (RFC 8259): it
 * rejects trailing commas, leading zeros, control characters in strings,
 * lone surrogates, duplicate keys and trailing garbage.
 */
#include "psp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ======================================================================== */
/* JSON                                                                     */
/* ======================================================================== */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype_t;

typedef struct jval {
    jtype_t t;
    int b;                 /* J_BOOL */
    double num;            /* J_NUM */
    int is_int;            /* J_NUM written without fraction or exponent */
    char *s;               /* J_STR: bytes (UTF-8, may contain NUL), NUL-terminated */
    size_t slen;
    size_t n;              /* J_ARR / J_OBJ: number of items */
    struct jval **items;
    char **keys;           /* J_OBJ */
    size_t *keylens;
} jval_t;

typedef struct {
    const char *p;
    const char *end;
    const char *start;
    char err[160];
    int depth;
} jparser_t;

#define JSON_MAX_DEPTH 64

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *old, size_t n)
{
    void *p = realloc(old, n ? n : 1);
    if (p == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

static jval_t *jnew(jtype_t t)
{
    jval_t *v = (jval_t *)xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    v->t = t;
    return v;
}

static void jfree(jval_t *v)
{
    size_t i;
    if (v == NULL) {
        return;
    }
    for (i = 0; i < v->n; i++) {
        jfree(v->items[i]);
        if (v->keys != NULL) {
            free(v->keys[i]);
        }
    }
    free(v->items);
    free(v->keys);
    free(v->keylens);
    free(v->s);
    free(v);
}

static int jfail(jparser_t *ps, const char *msg)
{
    if (ps->err[0] == 0) {
        snprintf(ps->err, sizeof ps->err, "%s at byte %ld", msg,
                 (long)(ps->p - ps->start));
    }
    return 0;
}

static void skip_ws(jparser_t *ps)
{
    while (ps->p < ps->end
           && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) {
        ps->p++;
    }
}

static int match_lit(jparser_t *ps, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, lit, n) == 0) {
        ps->p += n;
        return 1;
    }
    return 0;
}

static int hex4(jparser_t *ps, unsigned *out)
{
    unsigned v = 0;
    int i;
    if (ps->end - ps->p < 4) {
        return jfail(ps, "truncated \\u escape");
    }
    for (i = 0; i < 4; i++) {
        char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return jfail(ps, "bad hex digit in \\u escape");
    }
    *out = v;
    return 1;
}

/* Growable byte buffer for strings. */
typedef struct { char *d; size_t n, cap; } sbuf_t;

static void sb_put(sbuf_t *b, char c)
{
    if (b->n + 1 >= b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        b->d = (char *)xrealloc(b->d, b->cap);
    }
    b->d[b->n++] = c;
    b->d[b->n] = 0;
}

static void sb_put_utf8(sbuf_t *b, unsigned cp)
{
    if (cp < 0x80) {
        sb_put(b, (char)cp);
    } else if (cp < 0x800) {
        sb_put(b, (char)(0xC0 | (cp >> 6)));
        sb_put(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        sb_put(b, (char)(0xE0 | (cp >> 12)));
        sb_put(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sb_put(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        sb_put(b, (char)(0xF0 | (cp >> 18)));
        sb_put(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        sb_put(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sb_put(b, (char)(0x80 | (cp & 0x3F)));
    }
}

/* Parses a string starting at the opening quote. Raw bytes >= 0x80 are
 * copied as they are (the file is UTF-8). */
static int parse_string(jparser_t *ps, char **out, size_t *out_len)
{
    sbuf_t b = {NULL, 0, 0};
    sb_put(&b, 0);
    b.n = 0;
    ps->p++; /* opening quote */
    for (;;) {
        unsigned char c;
        if (ps->p >= ps->end) {
            free(b.d);
            return jfail(ps, "unterminated string");
        }
        c = (unsigned char)*ps->p++;
        if (c == '"') {
            break;
        }
        if (c < 0x20) {
            free(b.d);
            return jfail(ps, "control character in string");
        }
        if (c != '\\') {
            sb_put(&b, (char)c);
            continue;
        }
        if (ps->p >= ps->end) {
            free(b.d);
            return jfail(ps, "truncated escape");
        }
        c = (unsigned char)*ps->p++;
        switch (c) {
        case '"': sb_put(&b, '"'); break;
        case '\\': sb_put(&b, '\\'); break;
        case '/': sb_put(&b, '/'); break;
        case 'b': sb_put(&b, '\b'); break;
        case 'f': sb_put(&b, '\f'); break;
        case 'n': sb_put(&b, '\n'); break;
        case 'r': sb_put(&b, '\r'); break;
        case 't': sb_put(&b, '\t'); break;
        case 'u': {
            unsigned cp, lo;
            if (!hex4(ps, &cp)) {
                free(b.d);
                return 0;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                /* high surrogate: a low surrogate escape must follow */
                if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u') {
                    free(b.d);
                    return jfail(ps, "lone high surrogate");
                }
                ps->p += 2;
                if (!hex4(ps, &lo)) {
                    free(b.d);
                    return 0;
                }
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    free(b.d);
                    return jfail(ps, "high surrogate without low surrogate");
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                free(b.d);
                return jfail(ps, "lone low surrogate");
            }
            sb_put_utf8(&b, cp);
            break;
        }
        default:
            free(b.d);
            return jfail(ps, "unknown escape");
        }
    }
    *out = b.d;
    *out_len = b.n;
    return 1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int parse_number(jparser_t *ps, jval_t *v)
{
    const char *s = ps->p;
    char tmp[64];
    size_t n;
    int is_int = 1;

    if (ps->p < ps->end && *ps->p == '-') ps->p++;
    if (ps->p >= ps->end || !is_digit(*ps->p)) return jfail(ps, "bad number");
    if (*ps->p == '0') {
        ps->p++;
        if (ps->p < ps->end && is_digit(*ps->p)) return jfail(ps, "leading zero");
    } else {
        while (ps->p < ps->end && is_digit(*ps->p)) ps->p++;
    }
    if (ps->p < ps->end && *ps->p == '.') {
        is_int = 0;
        ps->p++;
        if (ps->p >= ps->end || !is_digit(*ps->p)) return jfail(ps, "bad fraction");
        while (ps->p < ps->end && is_digit(*ps->p)) ps->p++;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        is_int = 0;
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) ps->p++;
        if (ps->p >= ps->end || !is_digit(*ps->p)) return jfail(ps, "bad exponent");
        while (ps->p < ps->end && is_digit(*ps->p)) ps->p++;
    }
    n = (size_t)(ps->p - s);
    if (n >= sizeof tmp) return jfail(ps, "number too long");
    memcpy(tmp, s, n);
    tmp[n] = 0;
    v->num = strtod(tmp, NULL);
    v->is_int = is_int;
    return 1;
}

static jval_t *parse_value(jparser_t *ps);

static jval_t *parse_container(jparser_t *ps, int is_obj)
{
    jval_t *v = jnew(is_obj ? J_OBJ : J_ARR);
    size_t cap = 0;
    char close = is_obj ? '}' : ']';

    if (++ps->depth > JSON_MAX_DEPTH) {
        jfail(ps, "nesting too deep");
        jfree(v);
        return NULL;
    }
    ps->p++; /* '{' or '[' */
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return v;
    }
    for (;;) {
        char *key = NULL;
        size_t keylen = 0;
        jval_t *item;
        skip_ws(ps);
        if (is_obj) {
            size_t i;
            if (ps->p >= ps->end || *ps->p != '"') {
                jfail(ps, "expected key");
                goto fail;
            }
            if (!parse_string(ps, &key, &keylen)) goto fail;
            for (i = 0; i < v->n; i++) {
                if (v->keylens[i] == keylen && memcmp(v->keys[i], key, keylen) == 0) {
                    free(key);
                    jfail(ps, "duplicate key");
                    goto fail;
                }
            }
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                jfail(ps, "expected ':'");
                goto fail;
            }
            ps->p++;
        }
        item = parse_value(ps);
        if (item == NULL) {
            free(key);
            goto fail;
        }
        if (v->n == cap) {
            cap = cap ? cap * 2 : 8;
            v->items = (jval_t **)xrealloc(v->items, cap * sizeof *v->items);
            if (is_obj) {
                v->keys = (char **)xrealloc(v->keys, cap * sizeof *v->keys);
                v->keylens = (size_t *)xrealloc(v->keylens, cap * sizeof *v->keylens);
            }
        }
        v->items[v->n] = item;
        if (is_obj) {
            v->keys[v->n] = key;
            v->keylens[v->n] = keylen;
        }
        v->n++;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->depth--;
            return v;
        }
        jfail(ps, is_obj ? "expected ',' or '}'" : "expected ',' or ']'");
        goto fail;
    }
fail:
    jfree(v);
    return NULL;
}

static jval_t *parse_value(jparser_t *ps)
{
    jval_t *v;
    skip_ws(ps);
    if (ps->p >= ps->end) {
        jfail(ps, "unexpected end of input");
        return NULL;
    }
    switch (*ps->p) {
    case '{': return parse_container(ps, 1);
    case '[': return parse_container(ps, 0);
    case '"':
        v = jnew(J_STR);
        if (!parse_string(ps, &v->s, &v->slen)) {
            jfree(v);
            return NULL;
        }
        return v;
    case 't':
    case 'f':
    case 'n':
        if (match_lit(ps, "true")) { v = jnew(J_BOOL); v->b = 1; return v; }
        if (match_lit(ps, "false")) { v = jnew(J_BOOL); v->b = 0; return v; }
        if (match_lit(ps, "null")) { return jnew(J_NULL); }
        jfail(ps, "bad literal");
        return NULL;
    default:
        v = jnew(J_NUM);
        if (!parse_number(ps, v)) {
            jfree(v);
            return NULL;
        }
        return v;
    }
}

static jval_t *json_parse(const char *text, size_t len, char *err, size_t errcap)
{
    jparser_t ps;
    jval_t *v;
    memset(&ps, 0, sizeof ps);
    ps.p = ps.start = text;
    ps.end = text + len;
    /* skip a UTF-8 byte order mark */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ps.p += 3;
    v = parse_value(&ps);
    if (v != NULL) {
        skip_ws(&ps);
        if (ps.p != ps.end) {
            jfail(&ps, "trailing characters");
            jfree(v);
            v = NULL;
        }
    }
    if (v == NULL) snprintf(err, errcap, "%s", ps.err);
    return v;
}

static const jval_t *jget(const jval_t *obj, const char *key)
{
    size_t i, n = strlen(key);
    if (obj == NULL || obj->t != J_OBJ) return NULL;
    for (i = 0; i < obj->n; i++) {
        if (obj->keylens[i] == n && memcmp(obj->keys[i], key, n) == 0) return obj->items[i];
    }
    return NULL;
}

static int jequal(const jval_t *a, const jval_t *b)
{
    size_t i;
    if (a->t != b->t) return 0;
    switch (a->t) {
    case J_NULL: return 1;
    case J_BOOL: return a->b == b->b;
    case J_NUM: return a->num == b->num;
    case J_STR: return a->slen == b->slen && memcmp(a->s, b->s, a->slen) == 0;
    case J_ARR:
        if (a->n != b->n) return 0;
        for (i = 0; i < a->n; i++) if (!jequal(a->items[i], b->items[i])) return 0;
        return 1;
    case J_OBJ:
        if (a->n != b->n) return 0;
        for (i = 0; i < a->n; i++) {
            const jval_t *other = NULL;
            size_t k;
            for (k = 0; k < b->n; k++) {
                if (b->keylens[k] == a->keylens[i]
                    && memcmp(b->keys[k], a->keys[i], a->keylens[i]) == 0) {
                    other = b->items[k];
                }
            }
            if (other == NULL || !jequal(a->items[i], other)) return 0;
        }
        return 1;
    }
    return 0;
}

/* Compact JSON for failure messages. */
static void jprint(FILE *f, const jval_t *v)
{
    size_t i;
    switch (v->t) {
    case J_NULL: fputs("null", f); break;
    case J_BOOL: fputs(v->b ? "true" : "false", f); break;
    case J_NUM: fprintf(f, "%.17g", v->num); break;
    case J_STR:
        fputc('"', f);
        for (i = 0; i < v->slen; i++) {
            unsigned char c = (unsigned char)v->s[i];
            if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
            else if (c < 0x20) fprintf(f, "\\u%04x", c);
            else fputc(c, f);
        }
        fputc('"', f);
        break;
    case J_ARR:
        fputc('[', f);
        for (i = 0; i < v->n; i++) {
            if (i) fputc(',', f);
            jprint(f, v->items[i]);
        }
        fputc(']', f);
        break;
    case J_OBJ:
        fputc('{', f);
        for (i = 0; i < v->n; i++) {
            if (i) fputc(',', f);
            fprintf(f, "\"%.*s\":", (int)v->keylens[i], v->keys[i]);
            jprint(f, v->items[i]);
        }
        fputc('}', f);
        break;
    }
}

/* Builders used to turn a decoded packet into JSON. */
static void jobj_add(jval_t *obj, const char *key, jval_t *item)
{
    size_t n = obj->n + 1;
    obj->items = (jval_t **)xrealloc(obj->items, n * sizeof *obj->items);
    obj->keys = (char **)xrealloc(obj->keys, n * sizeof *obj->keys);
    obj->keylens = (size_t *)xrealloc(obj->keylens, n * sizeof *obj->keylens);
    obj->keylens[obj->n] = strlen(key);
    obj->keys[obj->n] = (char *)xmalloc(obj->keylens[obj->n] + 1);
    memcpy(obj->keys[obj->n], key, obj->keylens[obj->n] + 1);
    obj->items[obj->n] = item;
    obj->n = n;
}

static jval_t *jnum(double x) { jval_t *v = jnew(J_NUM); v->num = x; return v; }
static jval_t *jbool(int b) { jval_t *v = jnew(J_BOOL); v->b = b; return v; }

static jval_t *jstrn(const char *s, size_t n)
{
    jval_t *v = jnew(J_STR);
    v->s = (char *)xmalloc(n + 1);
    memcpy(v->s, s, n);
    v->s[n] = 0;
    v->slen = n;
    return v;
}

static jval_t *jstr(const char *s) { return jstrn(s, strlen(s)); }

/* ======================================================================== */
/* Names used by the vectors file                                           */
/* ======================================================================== */

static const char *const STATE_NAMES[] = {"free", "occupied", "fault"};
static const char *const KIND_NAMES[] = {NULL, "qr", "plate", "ticket"};
static const char *const STATUS_NAMES[] = {"ok", "rejected", "busy"};
static const char *const COLOR_NAMES[] = {"off", "green", "red", "blue", "amber", "white"};
static const char *const PATTERN_NAMES[] = {"solid", "slow_blink", "fast_blink"};
static const char *const ARROW_NAMES[] = {"none", "left", "right", "up", "down"};
static const char *const ACTION_NAMES[] = {"close", "open", "pulse_open"};
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const struct { uint8_t code; const char *name; } TYPE_NAMES[] = {
    {PSP_TYPE_OCCUPANCY, "occupancy"}, {PSP_TYPE_HEARTBEAT, "heartbeat"},
    {PSP_TYPE_SCAN, "scan"},           {PSP_TYPE_LOOP, "loop"},
    {PSP_TYPE_ACK, "ack"},             {PSP_TYPE_INDICATOR, "indicator"},
    {PSP_TYPE_COUNTER, "counter"},     {PSP_TYPE_GATE, "gate"},
    {PSP_TYPE_RADIO, "radio"},
};

static const char *type_name(uint8_t code)
{
    size_t i;
    for (i = 0; i < COUNT_OF(TYPE_NAMES); i++) {
        if (TYPE_NAMES[i].code == code) return TYPE_NAMES[i].name;
    }
    return "?";
}

/* Index of name in a table, or -1. */
static int name_index(const char *const *table, size_t n, const jval_t *v)
{
    size_t i;
    if (v == NULL || v->t != J_STR) return -1;
    for (i = 0; i < n; i++) {
        if (table[i] != NULL && strlen(table[i]) == v->slen
            && memcmp(table[i], v->s, v->slen) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static const char *table_name(const char *const *table, size_t n, unsigned i)
{
    return (i < n && table[i] != NULL) ? table[i] : "?";
}

static int result_from_name(const jval_t *v, psp_result_t *out)
{
    int r;
    if (v == NULL || v->t != J_STR) return 0;
    for (r = PSP_ERR_BAD_LENGTH; r < PSP_RESULT_COUNT; r++) {
        const char *name = psp_result_name((psp_result_t)r);
        if (strlen(name) == v->slen && memcmp(name, v->s, v->slen) == 0) {
            *out = (psp_result_t)r;
            return 1;
        }
    }
    return 0;
}

/* ======================================================================== */
/* Packet <-> JSON                                                          */
/* ======================================================================== */

static void add_header(jval_t *o, uint8_t type, const uint8_t *device, uint16_t seq)
{
    char hex[2 * PSP_DEVICE_LEN + 1];
    size_t i;
    for (i = 0; i < PSP_DEVICE_LEN; i++) sprintf(hex + 2 * i, "%02x", device[i]);
    jobj_add(o, "type", jstr(type_name(type)));
    jobj_add(o, "device", jstr(hex));
    jobj_add(o, "seq", jnum(seq));
}

/* Adds the payload fields of a non-radio type; u is the payload union. */
static void add_basic_payload(jval_t *o, uint8_t type, const void *u)
{
    char fw[16];
    switch (type) {
    case PSP_TYPE_OCCUPANCY: {
        const psp_occupancy_t *x = (const psp_occupancy_t *)u;
        jobj_add(o, "state", jstr(table_name(STATE_NAMES, COUNT_OF(STATE_NAMES), x->state)));
        jobj_add(o, "battery_mv", jnum(x->battery_mv));
        jobj_add(o, "temperature_c", jnum(x->temperature_c));
        break;
    }
    case PSP_TYPE_HEARTBEAT: {
        const psp_heartbeat_t *x = (const psp_heartbeat_t *)u;
        jobj_add(o, "battery_mv", jnum(x->battery_mv));
        jobj_add(o, "temperature_c", jnum(x->temperature_c));
        sprintf(fw, "%u.%u", (unsigned)x->fw_major, (unsigned)x->fw_minor);
        jobj_add(o, "firmware", jstr(fw));
        break;
    }
    case PSP_TYPE_SCAN: {
        const psp_scan_t *x = (const psp_scan_t *)u;
        jobj_add(o, "lane", jnum(x->lane));
        jobj_add(o, "kind", jstr(table_name(KIND_NAMES, COUNT_OF(KIND_NAMES), x->kind)));
        jobj_add(o, "text", jstrn((const char *)x->text, x->text_len));
        break;
    }
    case PSP_TYPE_LOOP: {
        const psp_loop_t *x = (const psp_loop_t *)u;
        jobj_add(o, "lane", jnum(x->lane));
        jobj_add(o, "present", jbool(x->present));
        break;
    }
    case PSP_TYPE_ACK: {
        const psp_ack_t *x = (const psp_ack_t *)u;
        jobj_add(o, "acked_seq", jnum(x->acked_seq));
        jobj_add(o, "status", jstr(table_name(STATUS_NAMES, COUNT_OF(STATUS_NAMES), x->status)));
        break;
    }
    case PSP_TYPE_INDICATOR: {
        const psp_indicator_t *x = (const psp_indicator_t *)u;
        jobj_add(o, "color", jstr(table_name(COLOR_NAMES, COUNT_OF(COLOR_NAMES), x->color)));
        jobj_add(o, "pattern", jstr(table_name(PATTERN_NAMES, COUNT_OF(PATTERN_NAMES), x->pattern)));
        break;
    }
    case PSP_TYPE_COUNTER: {
        const psp_counter_t *x = (const psp_counter_t *)u;
        jobj_add(o, "value", x->value == PSP_COUNTER_BLANK ? jstr("blank") : jnum(x->value));
        jobj_add(o, "arrow", jstr(table_name(ARROW_NAMES, COUNT_OF(ARROW_NAMES), x->arrow)));
        jobj_add(o, "color", jstr(table_name(COLOR_NAMES, COUNT_OF(COLOR_NAMES), x->color)));
        break;
    }
    case PSP_TYPE_GATE: {
        const psp_gate_t *x = (const psp_gate_t *)u;
        jobj_add(o, "lane", jnum(x->lane));
        jobj_add(o, "action", jstr(table_name(ACTION_NAMES, COUNT_OF(ACTION_NAMES), x->action)));
        jobj_add(o, "hold_s", jnum(x->hold_s));
        break;
    }
    default:
        jobj_add(o, "unexpected_type", jnum(type));
        break;
    }
}

static jval_t *packet_to_json(const psp_packet_t *p)
{
    jval_t *o = jnew(J_OBJ);
    add_header(o, p->type, p->device, p->seq);
    if (p->type == PSP_TYPE_RADIO) {
        const psp_radio_t *r = &p->u.radio;
        jval_t *inner = jnew(J_OBJ);
        jobj_add(o, "rssi_dbm", jnum(r->rssi_dbm));
        jobj_add(o, "snr_db", jnum(r->snr_qdb / 4.0));
        add_header(inner, r->inner.type, r->inner.device, r->inner.seq);
        add_basic_payload(inner, r->inner.type, &r->inner.u);
        jobj_add(o, "inner", inner);
    } else {
        add_basic_payload(o, p->type, &p->u);
    }
    return o;
}

/* JSON -> struct, strictly: every field present, no unknown keys. */

static int get_int(const jval_t *o, const char *key, long lo, long hi, long *out,
                   char *err, size_t errcap)
{
    const jval_t *v = jget(o, key);
    if (v == NULL || v->t != J_NUM || !v->is_int || v->num < (double)lo
        || v->num > (double)hi) {
        snprintf(err, errcap, "field \"%s\" missing or not an integer in %ld..%ld",
                 key, lo, hi);
        return 0;
    }
    *out = (long)v->num;
    return 1;
}

static int get_enum(const jval_t *o, const char *key, const char *const *table, size_t n,
                    uint8_t *out, char *err, size_t errcap)
{
    int i = name_index(table, n, jget(o, key));
    if (i < 0) {
        snprintf(err, errcap, "field \"%s\" missing or not a known name", key);
        return 0;
    }
    *out = (uint8_t)i;
    return 1;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int json_header(const jval_t *o, uint8_t *type, uint8_t *device, uint16_t *seq,
                       char *err, size_t errcap)
{
    const jval_t *t = jget(o, "type");
    const jval_t *d = jget(o, "device");
    long s;
    size_t i;
    int found = 0;
    if (o == NULL || o->t != J_OBJ) {
        snprintf(err, errcap, "decoded packet is not an object");
        return 0;
    }
    for (i = 0; t != NULL && t->t == J_STR && i < COUNT_OF(TYPE_NAMES); i++) {
        if (strlen(TYPE_NAMES[i].name) == t->slen
            && memcmp(TYPE_NAMES[i].name, t->s, t->slen) == 0) {
            *type = TYPE_NAMES[i].code;
            found = 1;
        }
    }
    if (!found) {
        snprintf(err, errcap, "field \"type\" missing or unknown");
        return 0;
    }
    if (d == NULL || d->t != J_STR || d->slen != 2 * PSP_DEVICE_LEN) {
        snprintf(err, errcap, "field \"device\" is not 16 hex digits");
        return 0;
    }
    for (i = 0; i < PSP_DEVICE_LEN; i++) {
        int hi = hex_value(d->s[2 * i]), lo = hex_value(d->s[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            snprintf(err, errcap, "field \"device\" is not 16 hex digits");
            return 0;
        }
        device[i] = (uint8_t)(hi * 16 + lo);
    }
    if (!get_int(o, "seq", 0, 65535, &s, err, errcap)) return 0;
    *seq = (uint16_t)s;
    return 1;
}

/* Parses "major.minor" (decimal, 0..255 each). */
static int parse_firmware(const jval_t *v, uint8_t *major, uint8_t *minor)
{
    unsigned long part[2] = {0, 0};
    size_t i, k = 0, digits = 0;
    if (v == NULL || v->t != J_STR) return 0;
    for (i = 0; i < v->slen; i++) {
        char c = v->s[i];
        if (c == '.' && k == 0 && digits > 0) {
            k = 1;
            digits = 0;
        } else if (is_digit(c) && digits < 3) {
            part[k] = part[k] * 10 + (unsigned long)(c - '0');
            digits++;
        } else {
            return 0;
        }
    }
    if (k != 1 || digits == 0 || part[0] > 255 || part[1] > 255) return 0;
    *major = (uint8_t)part[0];
    *minor = (uint8_t)part[1];
    return 1;
}

static int json_basic_payload(const jval_t *o, uint8_t type, void *u, size_t *nkeys,
                              char *err, size_t errcap)
{
    long v;
    switch (type) {
    case PSP_TYPE_OCCUPANCY: {
        psp_occupancy_t *x = (psp_occupancy_t *)u;
        if (!get_enum(o, "state", STATE_NAMES, COUNT_OF(STATE_NAMES), &x->state, err, errcap)) return 0;
        if (!get_int(o, "battery_mv", 0, 65535, &v, err, errcap)) return 0;
        x->battery_mv = (uint16_t)v;
        if (!get_int(o, "temperature_c", -128, 127, &v, err, errcap)) return 0;
        x->temperature_c = (int8_t)v;
        *nkeys = 3;
        return 1;
    }
    case PSP_TYPE_HEARTBEAT: {
        psp_heartbeat_t *x = (psp_heartbeat_t *)u;
        if (!get_int(o, "battery_mv", 0, 65535, &v, err, errcap)) return 0;
        x->battery_mv = (uint16_t)v;
        if (!get_int(o, "temperature_c", -128, 127, &v, err, errcap)) return 0;
        x->temperature_c = (int8_t)v;
        if (!parse_firmware(jget(o, "firmware"), &x->fw_major, &x->fw_minor)) {
            snprintf(err, errcap, "field \"firmware\" missing or not \"major.minor\"");
            return 0;
        }
        *nkeys = 3;
        return 1;
    }
    case PSP_TYPE_SCAN: {
        psp_scan_t *x = (psp_scan_t *)u;
        const jval_t *t = jget(o, "text");
        if (!get_int(o, "lane", 0, 255, &v, err, errcap)) return 0;
        x->lane = (uint8_t)v;
        if (!get_enum(o, "kind", KIND_NAMES, COUNT_OF(KIND_NAMES), &x->kind, err, errcap)) return 0;
        if (t == NULL || t->t != J_STR || t->slen > PSP_SCAN_TEXT_MAX) {
            snprintf(err, errcap, "field \"text\" missing or longer than %u bytes",
                     PSP_SCAN_TEXT_MAX);
            return 0;
        }
        x->text_len = (uint8_t)t->slen;
        memcpy(x->text, t->s, t->slen);
        x->text[t->slen] = 0;
        *nkeys = 3;
        return 1;
    }
    case PSP_TYPE_LOOP: {
        psp_loop_t *x = (psp_loop_t *)u;
        const jval_t *p = jget(o, "present");
        if (!get_int(o, "lane", 0, 255, &v, err, errcap)) return 0;
        x->lane = (uint8_t)v;
        if (p == NULL || p->t != J_BOOL) {
            snprintf(err, errcap, "field \"present\" missing or not a boolean");
            return 0;
        }
        x->present = p->b != 0;
        *nkeys = 2;
        return 1;
    }
    case PSP_TYPE_ACK: {
        psp_ack_t *x = (psp_ack_t *)u;
        if (!get_int(o, "acked_seq", 0, 65535, &v, err, errcap)) return 0;
        x->acked_seq = (uint16_t)v;
        if (!get_enum(o, "status", STATUS_NAMES, COUNT_OF(STATUS_NAMES), &x->status, err, errcap)) return 0;
        *nkeys = 2;
        return 1;
    }
    case PSP_TYPE_INDICATOR: {
        psp_indicator_t *x = (psp_indicator_t *)u;
        if (!get_enum(o, "color", COLOR_NAMES, COUNT_OF(COLOR_NAMES), &x->color, err, errcap)) return 0;
        if (!get_enum(o, "pattern", PATTERN_NAMES, COUNT_OF(PATTERN_NAMES), &x->pattern, err, errcap)) return 0;
        *nkeys = 2;
        return 1;
    }
    case PSP_TYPE_COUNTER: {
        psp_counter_t *x = (psp_counter_t *)u;
        const jval_t *val = jget(o, "value");
        if (val != NULL && val->t == J_STR && val->slen == 5 && memcmp(val->s, "blank", 5) == 0) {
            x->value = PSP_COUNTER_BLANK;
        } else {
            if (!get_int(o, "value", 0, PSP_COUNTER_MAX, &v, err, errcap)) return 0;
            x->value = (uint16_t)v;
        }
        if (!get_enum(o, "arrow", ARROW_NAMES, COUNT_OF(ARROW_NAMES), &x->arrow, err, errcap)) return 0;
        if (!get_enum(o, "color", COLOR_NAMES, COUNT_OF(COLOR_NAMES), &x->color, err, errcap)) return 0;
        *nkeys = 3;
        return 1;
    }
    case PSP_TYPE_GATE: {
        psp_gate_t *x = (psp_gate_t *)u;
        if (!get_int(o, "lane", 0, 255, &v, err, errcap)) return 0;
        x->lane = (uint8_t)v;
        if (!get_enum(o, "action", ACTION_NAMES, COUNT_OF(ACTION_NAMES), &x->action, err, errcap)) return 0;
        if (!get_int(o, "hold_s", 0, 255, &v, err, errcap)) return 0;
        x->hold_s = (uint8_t)v;
        *nkeys = 3;
        return 1;
    }
    default:
        snprintf(err, errcap, "type %s cannot be nested", type_name(type));
        return 0;
    }
}

static int check_key_count(const jval_t *o, size_t expected, char *err, size_t errcap)
{
    if (o->n != expected) {
        snprintf(err, errcap, "object has %lu keys, expected %lu", (unsigned long)o->n,
                 (unsigned long)expected);
        return 0;
    }
    return 1;
}

static int json_to_packet(const jval_t *o, psp_packet_t *p, char *err, size_t errcap)
{
    size_t nkeys = 0;
    memset(p, 0, sizeof *p);
    if (!json_header(o, &p->type, p->device, &p->seq, err, errcap)) return 0;
    if (p->type == PSP_TYPE_RADIO) {
        psp_radio_t *r = &p->u.radio;
        const jval_t *snr = jget(o, "snr_db");
        const jval_t *inner = jget(o, "inner");
        double q;
        long v;
        if (!get_int(o, "rssi_dbm", -32768, 32767, &v, err, errcap)) return 0;
        r->rssi_dbm = (int16_t)v;
        if (snr == NULL || snr->t != J_NUM) {
            snprintf(err, errcap, "field \"snr_db\" missing or not a number");
            return 0;
        }
        q = snr->num * 4.0;
        if (q != (double)(long)q || q < -128.0 || q > 127.0) {
            snprintf(err, errcap, "field \"snr_db\" is not a quarter-dB value in range");
            return 0;
        }
        r->snr_qdb = (int8_t)(long)q;
        if (inner == NULL
            || !json_header(inner, &r->inner.type, r->inner.device, &r->inner.seq, err, errcap)
            || !json_basic_payload(inner, r->inner.type, &r->inner.u, &nkeys, err, errcap)
            || !check_key_count(inner, 3 + nkeys, err, errcap)) {
            if (inner == NULL) snprintf(err, errcap, "field \"inner\" missing");
            return 0;
        }
        return check_key_count(o, 6, err, errcap);
    }
    if (!json_basic_payload(o, p->type, &p->u, &nkeys, err, errcap)) return 0;
    return check_key_count(o, 3 + nkeys, err, errcap);
}

/* ======================================================================== */
/* Test harness                                                             */
/* ======================================================================== */

static unsigned long g_passed, g_failed;

static int check(int ok, const char *name, const char *fmt, ...)
{
    if (ok) {
        g_passed++;
    } else {
        va_list ap;
        g_failed++;
        printf("FAIL %s: ", name);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
    }
    return ok;
}

static void print_hex(const uint8_t *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) printf("%02x", b[i]);
}

/* Hex string -> bytes (malloc'd). Returns 0 on malformed input. */
static int hex_bytes(const jval_t *v, uint8_t **out, size_t *len)
{
    size_t i;
    if (v == NULL || v->t != J_STR || v->slen % 2 != 0) return 0;
    *out = (uint8_t *)xmalloc(v->slen / 2);
    for (i = 0; i < v->slen / 2; i++) {
        int hi = hex_value(v->s[2 * i]), lo = hex_value(v->s[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(*out);
            *out = NULL;
            return 0;
        }
        (*out)[i] = (uint8_t)(hi * 16 + lo);
    }
    *len = v->slen / 2;
    return 1;
}

static int bytes_equal(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

/* Everything the deframer reported, in order. */
typedef struct {
    size_t n, cap;
    psp_result_t *results;
    psp_packet_t *packets;
} events_t;

static void on_frame(void *ctx, psp_result_t result, const psp_packet_t *pkt)
{
    events_t *e = (events_t *)ctx;
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 8;
        e->results = (psp_result_t *)xrealloc(e->results, e->cap * sizeof *e->results);
        e->packets = (psp_packet_t *)xrealloc(e->packets, e->cap * sizeof *e->packets);
    }
    e->results[e->n] = result;
    if (pkt != NULL) {
        e->packets[e->n] = *pkt;
    } else {
        memset(&e->packets[e->n], 0, sizeof e->packets[e->n]);
    }
    e->n++;
}

static void events_free(events_t *e)
{
    free(e->results);
    free(e->packets);
    memset(e, 0, sizeof *e);
}

/* Feeds bytes in one call, or one byte per call if bytewise. */
static void feed(psp_deframer_t *d, const uint8_t *b, size_t n, int bytewise)
{
    size_t i;
    if (!bytewise) {
        psp_deframer_feed(d, b, n);
        return;
    }
    for (i = 0; i < n; i++) psp_deframer_feed(d, b + i, 1);
}

static int packet_matches(const psp_packet_t *p, const jval_t *expected)
{
    jval_t *got = packet_to_json(p);
    int ok = jequal(got, expected);
    if (!ok) {
        printf("  expected: ");
        jprint(stdout, expected);
        printf("\n  got:      ");
        jprint(stdout, got);
        printf("\n");
    }
    jfree(got);
    return ok;
}

static void run_good(const jval_t *vec)
{
    const jval_t *jname = jget(vec, "name");
    const jval_t *decoded = jget(vec, "decoded");
    const char *name = (jname && jname->t == J_STR) ? jname->s : "(unnamed good vector)";
    uint8_t *packet = NULL, *frame = NULL;
    size_t packet_len = 0, frame_len = 0;
    uint8_t out[PSP_MAX_FRAME + 8];
    size_t out_len = 0;
    psp_packet_t pkt, from_json;
    psp_result_t res;
    char err[200] = "";
    int bytewise;

    if (!check(hex_bytes(jget(vec, "packet"), &packet, &packet_len)
               && hex_bytes(jget(vec, "frame"), &frame, &frame_len)
               && decoded != NULL && decoded->t == J_OBJ,
               name, "vector lacks a hex \"packet\", hex \"frame\" or \"decoded\" object")) {
        free(packet);
        return;
    }

    /* decode(packet) == decoded */
    memset(&pkt, 0, sizeof pkt);
    res = psp_decode_packet(packet, packet_len, &pkt);
    if (check(res == PSP_OK, name, "decode_packet gave %s", psp_result_name(res))) {
        check(packet_matches(&pkt, decoded), name, "decoded packet differs from \"decoded\"");
        /* encode(decode(packet)) == packet */
        res = psp_encode_packet(&pkt, out, sizeof out, &out_len);
        check(res == PSP_OK && bytes_equal(out, out_len, packet, packet_len), name,
              "re-encoding the decoded packet gave %s", psp_result_name(res));
    }

    /* encode(struct built from JSON) == packet, encode_frame == frame */
    if (check(json_to_packet(decoded, &from_json, err, sizeof err), name,
              "cannot build a packet from \"decoded\": %s", err)) {
        res = psp_encode_packet(&from_json, out, sizeof out, &out_len);
        if (!check(res == PSP_OK && bytes_equal(out, out_len, packet, packet_len), name,
                   "encode_packet from \"decoded\" gave %s", psp_result_name(res))) {
            printf("  expected: ");
            print_hex(packet, packet_len);
            printf("\n  got:      ");
            print_hex(out, res == PSP_OK ? out_len : 0);
            printf("\n");
        }
        res = psp_encode_frame(&from_json, out, sizeof out, &out_len);
        if (!check(res == PSP_OK && bytes_equal(out, out_len, frame, frame_len), name,
                   "encode_frame from \"decoded\" gave %s", psp_result_name(res))) {
            printf("  expected: ");
            print_hex(frame, frame_len);
            printf("\n  got:      ");
            print_hex(out, res == PSP_OK ? out_len : 0);
            printf("\n");
        }
        /* an exactly sized buffer suffices, one byte less does not */
        res = psp_encode_frame(&from_json, out, frame_len, &out_len);
        check(res == PSP_OK, name, "encode_frame into %lu bytes gave %s",
              (unsigned long)frame_len, psp_result_name(res));
        res = psp_encode_frame(&from_json, out, frame_len - 1, &out_len);
        check(res == PSP_ERR_NO_SPACE, name, "encode_frame into too small a buffer gave %s",
              psp_result_name(res));
    }

    /* a fresh deframer yields exactly that packet, whole or byte by byte */
    for (bytewise = 0; bytewise <= 1; bytewise++) {
        psp_deframer_t d;
        events_t ev = {0, 0, NULL, NULL};
        psp_deframer_init(&d, on_frame, &ev);
        feed(&d, frame, frame_len, bytewise);
        if (check(ev.n == 1 && ev.results[0] == PSP_OK && d.counts[PSP_OK] == 1, name,
                  "deframer (%s) gave %lu callbacks, first %s",
                  bytewise ? "byte by byte" : "one chunk", (unsigned long)ev.n,
                  ev.n ? psp_result_name(ev.results[0]) : "-")) {
            check(packet_matches(&ev.packets[0], decoded), name,
                  "deframed packet differs from \"decoded\"");
        }
        events_free(&ev);
    }
    free(packet);
    free(frame);
}

static void run_bad(const jval_t *vec)
{
    const jval_t *jname = jget(vec, "name");
    const char *name = (jname && jname->t == J_STR) ? jname->s : "(unnamed bad vector)";
    uint8_t *frame = NULL;
    size_t frame_len = 0;
    psp_result_t want;
    int bytewise;

    if (!check(hex_bytes(jget(vec, "frame"), &frame, &frame_len)
               && result_from_name(jget(vec, "error"), &want) && want != PSP_ERR_NO_SPACE,
               name, "vector lacks a hex \"frame\" or a known \"error\"")) {
        return;
    }
    check(frame_len > 0 && frame[frame_len - 1] == 0x00, name,
          "frame does not end with the 0x00 delimiter");

    for (bytewise = 0; bytewise <= 1; bytewise++) {
        psp_deframer_t d;
        events_t ev = {0, 0, NULL, NULL};
        int r, others = 0;
        psp_deframer_init(&d, on_frame, &ev);
        feed(&d, frame, frame_len, bytewise);
        for (r = 0; r < PSP_RESULT_COUNT; r++) {
            if (r != (int)want) others += (int)d.counts[r];
        }
        check(ev.n == 1 && ev.results[0] == want && d.counts[want] == 1 && others == 0, name,
              "deframer (%s): expected one %s, got %lu callbacks, first %s",
              bytewise ? "byte by byte" : "one chunk", psp_result_name(want),
              (unsigned long)ev.n, ev.n ? psp_result_name(ev.results[0]) : "-");
        events_free(&ev);
    }
    free(frame);
}

static void run_stream(const jval_t *vec)
{
    const jval_t *jname = jget(vec, "name");
    const jval_t *chunks = jget(vec, "chunks");
    const jval_t *expect = jget(vec, "expect");
    const char *name = (jname && jname->t == J_STR) ? jname->s : "(unnamed stream)";
    psp_deframer_t d;
    events_t ev = {0, 0, NULL, NULL};
    uint32_t want_counts[PSP_RESULT_COUNT];
    size_t i;
    int r;

    if (!check(chunks != NULL && chunks->t == J_ARR && expect != NULL && expect->t == J_ARR,
               name, "stream lacks \"chunks\" or \"expect\" arrays")) {
        return;
    }
    psp_deframer_init(&d, on_frame, &ev);
    for (i = 0; i < chunks->n; i++) {
        uint8_t *bytes = NULL;
        size_t n = 0;
        if (!check(hex_bytes(chunks->items[i], &bytes, &n), name, "chunk %lu is not hex",
                   (unsigned long)i)) {
            events_free(&ev);
            return;
        }
        psp_deframer_feed(&d, bytes, n);
        free(bytes);
    }
    check(ev.n == expect->n, name, "expected %lu callbacks, got %lu",
          (unsigned long)expect->n, (unsigned long)ev.n);
    memset(want_counts, 0, sizeof want_counts);
    for (i = 0; i < expect->n; i++) {
        const jval_t *e = expect->items[i];
        const jval_t *err = jget(e, "error");
        psp_result_t want;
        if (err != NULL) {
            if (!check(result_from_name(err, &want) && e->n == 1, name,
                       "expect[%lu] is not a known {\"error\": kind}", (unsigned long)i)) {
                continue;
            }
            want_counts[want]++;
            check(i < ev.n && ev.results[i] == want, name, "callback %lu: expected %s, got %s",
                  (unsigned long)i, psp_result_name(want),
                  i < ev.n ? psp_result_name(ev.results[i]) : "nothing");
        } else {
            want_counts[PSP_OK]++;
            if (check(i < ev.n && ev.results[i] == PSP_OK, name,
                      "callback %lu: expected a packet, got %s", (unsigned long)i,
                      i < ev.n ? psp_result_name(ev.results[i]) : "nothing")) {
                check(packet_matches(&ev.packets[i], e), name,
                      "callback %lu: packet differs", (unsigned long)i);
            }
        }
    }
    for (r = 0; r < PSP_RESULT_COUNT; r++) {
        check(d.counts[r] == want_counts[r], name, "counts[%s] is %lu, expected %lu",
              psp_result_name((psp_result_t)r), (unsigned long)d.counts[r],
              (unsigned long)want_counts[r]);
    }
    events_free(&ev);
}

/* ---- Self-checks that do not depend on the vectors file ---------------- */

static uint32_t g_rng = 12345u;
static uint8_t rnd(void)
{
    g_rng = g_rng * 1103515245u + 12345u;
    return (uint8_t)(g_rng >> 16);
}

static void self_checks(void)
{
    static const uint8_t digits[] = "123456789";
    /* Worked example from the specification. */
    static const uint8_t example_frame[] = {
        0x08, 0x01, 0x01, 0x70, 0xb3, 0xd5, 0x7e, 0xd0, 0x03, 0x10, 0x01, 0x09, 0x11,
        0x04, 0x01, 0x0e, 0x10, 0x15, 0x5c, 0x6b, 0x00};
    struct { uint8_t raw[8]; size_t raw_len; uint8_t enc[10]; size_t enc_len; } cobs[] = {
        {{0x00}, 1, {0x01, 0x01}, 2},
        {{0x00, 0x00}, 2, {0x01, 0x01, 0x01}, 3},
        {{0x11, 0x22, 0x00, 0x33}, 4, {0x03, 0x11, 0x22, 0x02, 0x33}, 5},
        {{0x11, 0x22, 0x33, 0x44}, 4, {0x05, 0x11, 0x22, 0x33, 0x44}, 5},
        {{0x11, 0x00, 0x00, 0x00}, 4, {0x02, 0x11, 0x01, 0x01, 0x01}, 5},
    };
    uint8_t buf[600], big[600], back[600];
    size_t i, n;
    int iter;

    check(psp_crc16(digits, 9) == 0x29B1u, "self/crc16", "CRC of \"123456789\" is %04x",
          psp_crc16(digits, 9));

    for (i = 0; i < COUNT_OF(cobs); i++) {
        n = psp_cobs_encode(cobs[i].raw, cobs[i].raw_len, buf, sizeof buf);
        check(bytes_equal(buf, n, cobs[i].enc, cobs[i].enc_len), "self/cobs_encode",
              "example %lu", (unsigned long)i);
        check(psp_cobs_decode(cobs[i].enc, cobs[i].enc_len, buf, sizeof buf, &n)
              && bytes_equal(buf, n, cobs[i].raw, cobs[i].raw_len), "self/cobs_decode",
              "example %lu", (unsigned long)i);
    }
    /* 254 and 255 non-zero bytes: the 0xFF block boundary. */
    for (n = 253; n <= 256; n++) {
        size_t enc_len, dec_len = 0;
        for (i = 0; i < n; i++) big[i] = (uint8_t)(1 + i % 255);
        enc_len = psp_cobs_encode(big, n, buf, sizeof buf);
        check(enc_len > 0 && enc_len <= PSP_COBS_MAX_ENCODED(n)
              && memchr(buf, 0, enc_len) == NULL
              && psp_cobs_decode(buf, enc_len, back, sizeof back, &dec_len)
              && bytes_equal(back, dec_len, big, n), "self/cobs_long",
              "round trip of %lu bytes", (unsigned long)n);
        check(psp_cobs_encode(big, n, buf, enc_len - 1) == 0, "self/cobs_cap",
              "encode into a short buffer must fail");
    }
    /* Random round trips, decoded in place. */
    for (iter = 0; iter < 500; iter++) {
        size_t len = rnd() % 220, enc_len, dec_len = 0;
        int ok;
        for (i = 0; i < len; i++) big[i] = (rnd() & 3) ? rnd() : 0;
        enc_len = psp_cobs_encode(big, len, buf, sizeof buf);
        ok = enc_len > 0 && memchr(buf, 0, enc_len) == NULL
             && psp_cobs_decode(buf, enc_len, buf, enc_len, &dec_len)
             && bytes_equal(buf, dec_len, big, len);
        if (!ok || iter == 499) check(ok, "self/cobs_random", "iteration %d", iter);
    }
    check(!psp_cobs_decode((const uint8_t *)"\x05\x11\x22", 3, buf, sizeof buf, &n),
          "self/cobs_invalid", "code byte past the end accepted");

    /* Oversized noise, then a good frame: one bad_length, then the packet. */
    {
        psp_deframer_t d;
        events_t ev = {0, 0, NULL, NULL};
        memset(big, 0x11, sizeof big);
        psp_deframer_init(&d, on_frame, &ev);
        psp_deframer_feed(&d, big, sizeof big);
        psp_deframer_feed(&d, big, sizeof big);
        psp_deframer_feed(&d, example_frame + sizeof example_frame - 1, 1); /* 0x00 */
        psp_deframer_feed(&d, example_frame, sizeof example_frame);
        check(ev.n == 2 && ev.results[0] == PSP_ERR_BAD_LENGTH && ev.results[1] == PSP_OK
              && d.counts[PSP_ERR_BAD_LENGTH] == 1 && d.counts[PSP_OK] == 1,
              "self/deframer_overflow", "got %lu callbacks", (unsigned long)ev.n);
        events_free(&ev);
    }
    /* Segment length boundary: 216 bytes is judged on its content, 217 is
     * too long whatever it holds. */
    for (n = PSP_MAX_SEGMENT; n <= PSP_MAX_SEGMENT + 1; n++) {
        psp_deframer_t d;
        events_t ev = {0, 0, NULL, NULL};
        uint8_t zero = 0;
        memset(big, 0xFF, n); /* invalid COBS: 0xFF points past the end */
        psp_deframer_init(&d, on_frame, &ev);
        psp_deframer_feed(&d, big, n);
        psp_deframer_feed(&d, &zero, 1);
        check(ev.n == 1 && ev.results[0] == (n == PSP_MAX_SEGMENT ? PSP_ERR_BAD_COBS
                                                                 : PSP_ERR_BAD_LENGTH),
              "self/deframer_boundary", "%lu-byte segment gave %s", (unsigned long)n,
              ev.n ? psp_result_name(ev.results[0]) : "nothing");
        events_free(&ev);
    }
    /* Random noise (any bytes, including 0x00) never costs the next good
     * frame once a delimiter has been seen. */
    for (iter = 0; iter < 2000; iter++) {
        psp_deframer_t d;
        events_t ev = {0, 0, NULL, NULL};
        size_t len = rnd() % 300;
        uint8_t zero = 0;
        int ok;
        for (i = 0; i < len; i++) big[i] = rnd();
        psp_deframer_init(&d, on_frame, &ev);
        psp_deframer_feed(&d, big, len);
        psp_deframer_feed(&d, &zero, 1);
        psp_deframer_feed(&d, example_frame, sizeof example_frame);
        ok = ev.n >= 1 && ev.results[ev.n - 1] == PSP_OK
             && ev.packets[ev.n - 1].u.occupancy.battery_mv == 3600;
        if (!ok || iter == 1999) check(ok, "self/deframer_noise", "iteration %d", iter);
        events_free(&ev);
    }
    /* Random packets with a correct CRC must decode or fail cleanly; the
     * decoder is also exercised on every truncation. */
    for (iter = 0; iter < 3000; iter++) {
        psp_packet_t p;
        size_t pl = rnd() % 30, len = PSP_OVERHEAD + pl;
        uint16_t crc;
        static const uint8_t types[] = {0x01, 0x02, 0x03, 0x04, 0x10, 0x20, 0x21, 0x22, 0x30, 0x7f};
        psp_result_t res;
        for (i = 0; i < len; i++) buf[i] = rnd();
        buf[0] = 1;
        buf[1] = types[rnd() % sizeof types];
        buf[12] = (uint8_t)pl;
        crc = psp_crc16(buf, PSP_HEADER_LEN + pl);
        buf[PSP_HEADER_LEN + pl] = (uint8_t)(crc >> 8);
        buf[PSP_HEADER_LEN + pl + 1] = (uint8_t)crc;
        res = psp_decode_packet(buf, len, &p);
        if (res == PSP_OK) {
            size_t out_len = 0;
            res = psp_encode_packet(&p, back, sizeof back, &out_len);
            check(res == PSP_OK && bytes_equal(back, out_len, buf, len), "self/random_packet",
                  "decoded packet does not re-encode identically");
        }
        for (n = 0; n < len; n++) {
            (void)psp_decode_packet(buf, n, &p);
        }
    }
    check(1, "self/random_packet", "");
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL) return NULL;
    for (;;) {
        size_t got;
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            data = (char *)xrealloc(data, cap);
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        fclose(f);
        free(data);
        return NULL;
    }
    fclose(f);
    *len = n;
    return data;
}

int main(int argc, char **argv)
{
    char *text;
    size_t len = 0, i;
    char err[200] = "";
    jval_t *root;
    const jval_t *good, *bad, *streams, *proto;

    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS.json\n", argv[0]);
        return 2;
    }
    text = read_file(argv[1], &len);
    if (text == NULL) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    root = json_parse(text, len, err, sizeof err);
    free(text);
    if (root == NULL) {
        fprintf(stderr, "%s: invalid JSON: %s\n", argv[1], err);
        return 2;
    }

    self_checks();

    proto = jget(root, "protocol");
    check(proto != NULL && proto->t == J_STR && strcmp(proto->s, "PSP/1") == 0, "file",
          "\"protocol\" is not \"PSP/1\"");
    good = jget(root, "good");
    bad = jget(root, "bad");
    streams = jget(root, "streams");
    check(good != NULL && good->t == J_ARR && good->n > 0 && bad != NULL && bad->t == J_ARR
          && streams != NULL && streams->t == J_ARR, "file",
          "\"good\", \"bad\" and \"streams\" must be arrays (\"good\" non-empty)");
    for (i = 0; good != NULL && good->t == J_ARR && i < good->n; i++) run_good(good->items[i]);
    for (i = 0; bad != NULL && bad->t == J_ARR && i < bad->n; i++) run_bad(bad->items[i]);
    for (i = 0; streams != NULL && streams->t == J_ARR && i < streams->n; i++) {
        run_stream(streams->items[i]);
    }
    printf("vectors: %lu good, %lu bad, %lu streams; deframer size %lu bytes\n",
           (unsigned long)(good && good->t == J_ARR ? good->n : 0),
           (unsigned long)(bad && bad->t == J_ARR ? bad->n : 0),
           (unsigned long)(streams && streams->t == J_ARR ? streams->n : 0),
           (unsigned long)sizeof(psp_deframer_t));
    jfree(root);
    printf("%lu passed, %lu failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
