/*
 * psp.c - C99 reference codec for PSP/1. See psp.h for the wire format.
 *
 * No malloc, no stdio: only caller memory and, for one frame encode,
 * PSP_MAX_PACKET bytes of stack.
 */
#include "psp.h"

#include <string.h>

/* Offsets within a packet. */
#define OFF_VERSION   0u
#define OFF_TYPE      1u
#define OFF_DEVICE    2u
#define OFF_SEQ       10u
#define OFF_LEN       12u
#define OFF_PAYLOAD   13u

/* ---- Big-endian helpers ------------------------------------------------ */

static uint16_t get_u16(const uint8_t *p)
{
    return (uint16_t)(((uint16_t)p[0] << 8) | p[1]);
}

static void put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)(v & 0xFFu);
}

/* Two's complement conversions that do not rely on implementation-defined
 * unsigned-to-signed casts. */
static int8_t to_i8(uint8_t v)
{
    return (v < 0x80u) ? (int8_t)v : (int8_t)((int)v - 0x100);
}

static int16_t to_i16(uint16_t v)
{
    return (v < 0x8000u) ? (int16_t)v : (int16_t)((long)v - 0x10000L);
}

static uint8_t from_i8(int8_t v)
{
    return (uint8_t)((unsigned)(v < 0 ? (int)v + 0x100 : (int)v));
}

static uint16_t from_i16(int16_t v)
{
    return (uint16_t)(v < 0 ? (long)v + 0x10000L : (long)v);
}

/* ---- CRC-16/CCITT-FALSE ------------------------------------------------- */

uint16_t psp_crc16(const uint8_t *data, size_t len)
{
    uint16_t crc = 0xFFFFu;
    size_t i;
    for (i = 0; i < len; i++) {
        int bit;
        crc = (uint16_t)(crc ^ ((uint16_t)data[i] << 8));
        for (bit = 0; bit < 8; bit++) {
            crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u)
                                  : (uint16_t)(crc << 1);
        }
    }
    return crc;
}

/* ---- COBS -------------------------------------------------------------- */

size_t psp_cobs_encode(const uint8_t *src, size_t n, uint8_t *dst, size_t cap)
{
    size_t code_index = 0; /* where the current block's code byte goes */
    size_t out = 1;        /* next data byte position */
    uint8_t code = 1;      /* 1 + data bytes in the current block */
    size_t i;

    if (cap == 0) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (src[i] == 0) {
            dst[code_index] = code;
            code_index = out++;
            code = 1;
            if (code_index >= cap) {
                return 0;
            }
        } else {
            if (out >= cap) {
                return 0;
            }
            dst[out++] = src[i];
            code++;
            if (code == 0xFFu) {          /* block full: 254 data bytes */
                dst[code_index] = code;
                code_index = out++;
                code = 1;
                if (code_index >= cap) {
                    return 0;
                }
            }
        }
    }
    dst[code_index] = code;
    return out;
}

bool psp_cobs_decode(const uint8_t *src, size_t n, uint8_t *dst, size_t cap,
                     size_t *out_len)
{
    size_t in = 0;
    size_t out = 0;

    while (in < n) {
        size_t code = src[in++];
        size_t k;
        /* The block's code-1 data bytes must all lie within the input. */
        if (code == 0 || code - 1u > n - in) {
            return false;
        }
        for (k = 1; k < code; k++) {
            uint8_t b = src[in++];
            if (b == 0 || out >= cap) {
                return false;
            }
            dst[out++] = b; /* out < in always, so in-place is safe */
        }
        /* A block shorter than 254 data bytes stands for a trailing zero,
         * except at the very end of the input. */
        if (code != 0xFFu && in < n) {
            if (out >= cap) {
                return false;
            }
            dst[out++] = 0;
        }
    }
    *out_len = out;
    return true;
}

/* ---- Validation helpers ------------------------------------------------ */

static bool type_known(uint8_t type)
{
    switch (type) {
    case PSP_TYPE_OCCUPANCY:
    case PSP_TYPE_HEARTBEAT:
    case PSP_TYPE_SCAN:
    case PSP_TYPE_LOOP:
    case PSP_TYPE_ACK:
    case PSP_TYPE_INDICATOR:
    case PSP_TYPE_COUNTER:
    case PSP_TYPE_GATE:
    case PSP_TYPE_RADIO:
        return true;
    default:
        return false;
    }
}

static bool is_continuation(uint8_t b)
{
    return (b & 0xC0u) == 0x80u;
}

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequences. */
static bool utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t more;   /* continuation bytes that follow */
        uint8_t lo = 0x80u, hi = 0xBFu; /* allowed range of the 2nd byte */
        size_t k;

        if (c < 0x80u) {
            i++;
            continue;
        } else if (c >= 0xC2u && c <= 0xDFu) {
            more = 1;
        } else if (c >= 0xE0u && c <= 0xEFu) {
            more = 2;
            if (c == 0xE0u) {
                lo = 0xA0u;          /* no overlongs below U+0800 */
            } else if (c == 0xEDu) {
                hi = 0x9Fu;          /* no surrogates U+D800..DFFF */
            }
        } else if (c >= 0xF0u && c <= 0xF4u) {
            more = 3;
            if (c == 0xF0u) {
                lo = 0x90u;          /* no overlongs below U+10000 */
            } else if (c == 0xF4u) {
                hi = 0x8Fu;          /* nothing above U+10FFFF */
            }
        } else {
            return false;            /* 0x80..0xC1, 0xF5..0xFF */
        }
        if (more > n - i - 1u) {
            return false;            /* truncated */
        }
        if (s[i + 1u] < lo || s[i + 1u] > hi) {
            return false;
        }
        for (k = 2; k <= more; k++) {
            if (!is_continuation(s[i + k])) {
                return false;
            }
        }
        i += more + 1u;
    }
    return true;
}

static bool color_valid(uint8_t c)   { return c <= PSP_COLOR_WHITE; }
static bool pattern_valid(uint8_t p) { return p <= PSP_PATTERN_FAST_BLINK; }
static bool arrow_valid(uint8_t a)   { return a <= PSP_ARROW_DOWN; }

/* ---- Decoding ------------------------------------------------------------ */

static psp_result_t parse_packet(const uint8_t *b, size_t len, bool is_inner,
                                 uint8_t *type, uint8_t *device, uint16_t *seq,
                                 void *u);

/*
 * Checks (step 7) and decodes the payload p[0..n) of a packet of a known
 * type. `u` points to the payload union of a psp_packet_t or of a
 * psp_inner_packet_t (every union member starts at the union's address), or
 * is NULL to validate only. Inside a radio packet (is_inner) radio is not
 * allowed.
 */
static psp_result_t parse_payload(uint8_t type, const uint8_t *p, size_t n,
                                  bool is_inner, void *u)
{
    switch (type) {
    case PSP_TYPE_OCCUPANCY: {
        if (n != PSP_OCCUPANCY_LEN || p[0] > PSP_STATE_FAULT) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (u != NULL) {
            psp_occupancy_t *o = (psp_occupancy_t *)u;
            o->state = p[0];
            o->battery_mv = get_u16(p + 1);
            o->temperature_c = to_i8(p[3]);
        }
        return PSP_OK;
    }
    case PSP_TYPE_HEARTBEAT: {
        if (n != PSP_HEARTBEAT_LEN) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (u != NULL) {
            psp_heartbeat_t *h = (psp_heartbeat_t *)u;
            h->battery_mv = get_u16(p);
            h->temperature_c = to_i8(p[2]);
            h->fw_major = p[3];
            h->fw_minor = p[4];
        }
        return PSP_OK;
    }
    case PSP_TYPE_SCAN: {
        size_t text_len;
        if (n < PSP_SCAN_HEADER_LEN + PSP_SCAN_TEXT_MIN
            || n > PSP_SCAN_HEADER_LEN + PSP_SCAN_TEXT_MAX
            || p[1] < PSP_SCAN_QR || p[1] > PSP_SCAN_TICKET) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        text_len = n - PSP_SCAN_HEADER_LEN;
        if (!utf8_valid(p + PSP_SCAN_HEADER_LEN, text_len)) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (u != NULL) {
            psp_scan_t *s = (psp_scan_t *)u;
            s->lane = p[0];
            s->kind = p[1];
            s->text_len = (uint8_t)text_len;
            memcpy(s->text, p + PSP_SCAN_HEADER_LEN, text_len);
            s->text[text_len] = 0;
        }
        return PSP_OK;
    }
    case PSP_TYPE_LOOP: {
        if (n != PSP_LOOP_LEN || p[1] > 1u) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (u != NULL) {
            psp_loop_t *l = (psp_loop_t *)u;
            l->lane = p[0];
            l->present = (p[1] == 1u);
        }
        return PSP_OK;
    }
    case PSP_TYPE_ACK: {
        if (n != PSP_ACK_LEN || p[2] > PSP_ACK_BUSY) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (u != NULL) {
            psp_ack_t *a = (psp_ack_t *)u;
            a->acked_seq = get_u16(p);
            a->status = p[2];
        }
        return PSP_OK;
    }
    case PSP_TYPE_INDICATOR: {
        if (n != PSP_INDICATOR_LEN || !color_valid(p[0]) || !pattern_valid(p[1])) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (u != NULL) {
            psp_indicator_t *ind = (psp_indicator_t *)u;
            ind->color = p[0];
            ind->pattern = p[1];
        }
        return PSP_OK;
    }
    case PSP_TYPE_COUNTER: {
        uint16_t value;
        if (n != PSP_COUNTER_LEN) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        value = get_u16(p);
        if ((value > PSP_COUNTER_MAX && value != PSP_COUNTER_BLANK)
            || !arrow_valid(p[2]) || !color_valid(p[3])) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (u != NULL) {
            psp_counter_t *c = (psp_counter_t *)u;
            c->value = value;
            c->arrow = p[2];
            c->color = p[3];
        }
        return PSP_OK;
    }
    case PSP_TYPE_GATE: {
        if (n != PSP_GATE_LEN || p[1] > PSP_GATE_PULSE_OPEN) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (u != NULL) {
            psp_gate_t *g = (psp_gate_t *)u;
            g->lane = p[0];
            g->action = p[1];
            g->hold_s = p[2];
        }
        return PSP_OK;
    }
    case PSP_TYPE_RADIO: {
        psp_radio_t *r = (psp_radio_t *)u;
        psp_inner_packet_t *in = (r != NULL) ? &r->inner : NULL;
        psp_result_t res;
        if (is_inner || n < PSP_RADIO_HEADER_LEN) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        /* Any failure of the inner packet (steps 3..7) is a payload error. */
        res = parse_packet(p + PSP_RADIO_HEADER_LEN, n - PSP_RADIO_HEADER_LEN, true,
                           in ? &in->type : NULL, in ? in->device : NULL,
                           in ? &in->seq : NULL, in ? (void *)&in->u : NULL);
        if (res != PSP_OK) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        if (r != NULL) {
            r->rssi_dbm = to_i16(get_u16(p));
            r->snr_qdb = to_i8(p[2]);
        }
        return PSP_OK;
    }
    default:
        return PSP_ERR_UNKNOWN_TYPE;
    }
}

/*
 * Checks 3..7 on a packet b[0..len), in the normative order. Output pointers
 * may all be NULL to validate only.
 */
static psp_result_t parse_packet(const uint8_t *b, size_t len, bool is_inner,
                                 uint8_t *type, uint8_t *device, uint16_t *seq,
                                 void *u)
{
    size_t n;
    uint16_t crc;

    /* 3. lengths */
    if (len < PSP_OVERHEAD) {
        return PSP_ERR_BAD_LENGTH;
    }
    n = b[OFF_LEN];
    if (n > PSP_MAX_PAYLOAD || len != PSP_OVERHEAD + n) {
        return PSP_ERR_BAD_LENGTH;
    }
    /* 4. CRC over everything before the CRC field */
    crc = psp_crc16(b, PSP_HEADER_LEN + n);
    if (crc != get_u16(b + PSP_HEADER_LEN + n)) {
        return PSP_ERR_BAD_CRC;
    }
    /* 5. version */
    if (b[OFF_VERSION] != PSP_VERSION) {
        return PSP_ERR_BAD_VERSION;
    }
    /* 6. type */
    if (!type_known(b[OFF_TYPE])) {
        return PSP_ERR_UNKNOWN_TYPE;
    }
    if (type != NULL) {
        *type = b[OFF_TYPE];
        memcpy(device, b + OFF_DEVICE, PSP_DEVICE_LEN);
        *seq = get_u16(b + OFF_SEQ);
    }
    /* 7. payload */
    return parse_payload(b[OFF_TYPE], b + OFF_PAYLOAD, n, is_inner, u);
}

psp_result_t psp_decode_packet(const uint8_t *bytes, size_t len, psp_packet_t *pkt)
{
    if (bytes == NULL || pkt == NULL) {
        return PSP_ERR_BAD_LENGTH;
    }
    return parse_packet(bytes, len, false, &pkt->type, pkt->device, &pkt->seq,
                        &pkt->u);
}

psp_result_t psp_decode_segment(uint8_t *segment, size_t len, psp_packet_t *pkt)
{
    size_t decoded_len;

    /* 1. longer than any valid frame (also rejects the empty segment) */
    if (segment == NULL || pkt == NULL || len == 0 || len > PSP_MAX_SEGMENT) {
        return PSP_ERR_BAD_LENGTH;
    }
    /* 2. COBS, in place; decoding never makes the segment longer */
    if (!psp_cobs_decode(segment, len, segment, len, &decoded_len)) {
        return PSP_ERR_BAD_COBS;
    }
    /* 3..7 */
    return psp_decode_packet(segment, decoded_len, pkt);
}

/* ---- Encoding ------------------------------------------------------------ */

static psp_result_t write_packet(uint8_t type, const uint8_t *device, uint16_t seq,
                                 const void *u, bool is_inner, uint8_t *out,
                                 size_t cap, size_t *out_len);

/*
 * Writes the payload of a packet of a known type into out (cap bytes, at most
 * PSP_MAX_PAYLOAD are ever used) and its length into *n. Field values are
 * not checked here: the caller validates the finished packet with the
 * decoder, so that encoder and decoder cannot disagree.
 */
static psp_result_t write_payload(uint8_t type, const void *u, bool is_inner,
                                  uint8_t *out, size_t cap, size_t *n)
{
    size_t need;

    switch (type) {
    case PSP_TYPE_OCCUPANCY: need = PSP_OCCUPANCY_LEN; break;
    case PSP_TYPE_HEARTBEAT: need = PSP_HEARTBEAT_LEN; break;
    case PSP_TYPE_SCAN: {
        const psp_scan_t *s = (const psp_scan_t *)u;
        if (s->text_len < PSP_SCAN_TEXT_MIN || s->text_len > PSP_SCAN_TEXT_MAX) {
            return PSP_ERR_BAD_PAYLOAD;
        }
        need = PSP_SCAN_HEADER_LEN + s->text_len;
        break;
    }
    case PSP_TYPE_LOOP:      need = PSP_LOOP_LEN; break;
    case PSP_TYPE_ACK:       need = PSP_ACK_LEN; break;
    case PSP_TYPE_INDICATOR: need = PSP_INDICATOR_LEN; break;
    case PSP_TYPE_COUNTER:   need = PSP_COUNTER_LEN; break;
    case PSP_TYPE_GATE:      need = PSP_GATE_LEN; break;
    case PSP_TYPE_RADIO: {
        const psp_radio_t *r = (const psp_radio_t *)u;
        size_t inner_cap;
        size_t inner_len;
        psp_result_t res;
        if (is_inner) {
            return PSP_ERR_BAD_PAYLOAD; /* no nesting */
        }
        if (cap < PSP_RADIO_HEADER_LEN) {
            return PSP_ERR_NO_SPACE;
        }
        put_u16(out, from_i16(r->rssi_dbm));
        out[2] = from_i8(r->snr_qdb);
        inner_cap = cap - PSP_RADIO_HEADER_LEN; /* cap <= 200, so <= 197 */
        res = write_packet(r->inner.type, r->inner.device, r->inner.seq, &r->inner.u,
                           true, out + PSP_RADIO_HEADER_LEN, inner_cap, &inner_len);
        if (res == PSP_ERR_NO_SPACE && inner_cap < PSP_RADIO_INNER_MAX) {
            return PSP_ERR_NO_SPACE; /* the caller's buffer, not the protocol */
        }
        if (res != PSP_OK || inner_len > PSP_RADIO_INNER_MAX) {
            return PSP_ERR_BAD_PAYLOAD; /* any inner failure is a payload error */
        }
        *n = PSP_RADIO_HEADER_LEN + inner_len;
        return PSP_OK;
    }
    default:
        return PSP_ERR_UNKNOWN_TYPE;
    }

    if (need > cap) {
        return PSP_ERR_NO_SPACE;
    }
    switch (type) {
    case PSP_TYPE_OCCUPANCY: {
        const psp_occupancy_t *o = (const psp_occupancy_t *)u;
        out[0] = o->state;
        put_u16(out + 1, o->battery_mv);
        out[3] = from_i8(o->temperature_c);
        break;
    }
    case PSP_TYPE_HEARTBEAT: {
        const psp_heartbeat_t *h = (const psp_heartbeat_t *)u;
        put_u16(out, h->battery_mv);
        out[2] = from_i8(h->temperature_c);
        out[3] = h->fw_major;
        out[4] = h->fw_minor;
        break;
    }
    case PSP_TYPE_SCAN: {
        const psp_scan_t *s = (const psp_scan_t *)u;
        out[0] = s->lane;
        out[1] = s->kind;
        memcpy(out + PSP_SCAN_HEADER_LEN, s->text, s->text_len);
        break;
    }
    case PSP_TYPE_LOOP: {
        const psp_loop_t *l = (const psp_loop_t *)u;
        out[0] = l->lane;
        out[1] = l->present ? 1u : 0u;
        break;
    }
    case PSP_TYPE_ACK: {
        const psp_ack_t *a = (const psp_ack_t *)u;
        put_u16(out, a->acked_seq);
        out[2] = a->status;
        break;
    }
    case PSP_TYPE_INDICATOR: {
        const psp_indicator_t *ind = (const psp_indicator_t *)u;
        out[0] = ind->color;
        out[1] = ind->pattern;
        break;
    }
    case PSP_TYPE_COUNTER: {
        const psp_counter_t *c = (const psp_counter_t *)u;
        put_u16(out, c->value);
        out[2] = c->arrow;
        out[3] = c->color;
        break;
    }
    case PSP_TYPE_GATE: {
        const psp_gate_t *g = (const psp_gate_t *)u;
        out[0] = g->lane;
        out[1] = g->action;
        out[2] = g->hold_s;
        break;
    }
    default:
        return PSP_ERR_UNKNOWN_TYPE; /* not reached */
    }
    *n = need;
    return PSP_OK;
}

/* Writes header, payload and CRC; does not validate field values. */
static psp_result_t write_packet(uint8_t type, const uint8_t *device, uint16_t seq,
                                 const void *u, bool is_inner, uint8_t *out,
                                 size_t cap, size_t *out_len)
{
    size_t n = 0;
    size_t payload_cap;
    psp_result_t res;

    if (!type_known(type)) {
        return PSP_ERR_UNKNOWN_TYPE;
    }
    if (cap < PSP_OVERHEAD) {
        return PSP_ERR_NO_SPACE;
    }
    payload_cap = cap - PSP_OVERHEAD;
    if (payload_cap > PSP_MAX_PAYLOAD) {
        payload_cap = PSP_MAX_PAYLOAD;
    }
    res = write_payload(type, u, is_inner, out + OFF_PAYLOAD, payload_cap, &n);
    if (res != PSP_OK) {
        return res;
    }
    out[OFF_VERSION] = PSP_VERSION;
    out[OFF_TYPE] = type;
    memcpy(out + OFF_DEVICE, device, PSP_DEVICE_LEN);
    put_u16(out + OFF_SEQ, seq);
    out[OFF_LEN] = (uint8_t)n;
    put_u16(out + PSP_HEADER_LEN + n, psp_crc16(out, PSP_HEADER_LEN + n));
    *out_len = PSP_OVERHEAD + n;
    return PSP_OK;
}

psp_result_t psp_encode_packet(const psp_packet_t *pkt, uint8_t *out, size_t cap,
                               size_t *out_len)
{
    size_t len = 0;
    psp_result_t res;

    if (pkt == NULL || out == NULL || out_len == NULL) {
        return PSP_ERR_NO_SPACE;
    }
    res = write_packet(pkt->type, pkt->device, pkt->seq, &pkt->u, false, out, cap,
                       &len);
    if (res != PSP_OK) {
        return res;
    }
    /* Never emit what the decoder would reject (enum ranges, UTF-8, ...). */
    res = parse_packet(out, len, false, NULL, NULL, NULL, NULL);
    if (res != PSP_OK) {
        return res;
    }
    *out_len = len;
    return PSP_OK;
}

psp_result_t psp_encode_frame(const psp_packet_t *pkt, uint8_t *out, size_t cap,
                              size_t *out_len)
{
    uint8_t packet[PSP_MAX_PACKET];
    size_t packet_len = 0;
    size_t cobs_len;
    psp_result_t res;

    if (pkt == NULL || out == NULL || out_len == NULL) {
        return PSP_ERR_NO_SPACE;
    }
    res = psp_encode_packet(pkt, packet, sizeof packet, &packet_len);
    if (res != PSP_OK) {
        return res;
    }
    if (cap < 1u) {
        return PSP_ERR_NO_SPACE;
    }
    cobs_len = psp_cobs_encode(packet, packet_len, out, cap - 1u); /* room for 0x00 */
    if (cobs_len == 0) {
        return PSP_ERR_NO_SPACE;
    }
    out[cobs_len] = 0x00;
    *out_len = cobs_len + 1u;
    return PSP_OK;
}

/* ---- Deframer ------------------------------------------------------------ */

void psp_deframer_init(psp_deframer_t *d, psp_frame_cb callback, void *user_ctx)
{
    memset(d, 0, sizeof *d);
    d->callback = callback;
    d->user_ctx = user_ctx;
}

/* A delimiter arrived: judge the segment collected so far, then reset. */
static void end_segment(psp_deframer_t *d)
{
    psp_result_t res;

    if (d->overflow) {
        res = PSP_ERR_BAD_LENGTH;   /* step 1: bytes were dropped */
    } else if (d->len == 0) {
        return;                     /* empty segment: ignored silently */
    } else {
        res = psp_decode_segment(d->buf, d->len, &d->packet);
    }
    d->len = 0;
    d->overflow = false;
    d->counts[res]++;
    if (d->callback != NULL) {
        d->callback(d->user_ctx, res, res == PSP_OK ? &d->packet : NULL);
    }
}

void psp_deframer_feed(psp_deframer_t *d, const uint8_t *bytes, size_t n)
{
    size_t i;

    if (d == NULL || bytes == NULL) {
        return;
    }
    for (i = 0; i < n; i++) {
        uint8_t b = bytes[i];
        if (b == 0x00u) {
            end_segment(d);
        } else if (d->len < sizeof d->buf) {
            d->buf[d->len++] = b;
        } else {
            d->overflow = true;     /* drop; reported at the delimiter */
        }
    }
}

const char *psp_result_name(psp_result_t result)
{
    switch (result) {
    case PSP_OK:               return "ok";
    case PSP_ERR_BAD_LENGTH:   return "bad_length";
    case PSP_ERR_BAD_COBS:     return "bad_cobs";
    case PSP_ERR_BAD_CRC:      return "bad_crc";
    case PSP_ERR_BAD_VERSION:  return "bad_version";
    case PSP_ERR_UNKNOWN_TYPE: return "unknown_type";
    case PSP_ERR_BAD_PAYLOAD:  return "bad_payload";
    case PSP_ERR_NO_SPACE:     return "no_space";
    case PSP_RESULT_COUNT:     break;
    }
    return "invalid";
}
