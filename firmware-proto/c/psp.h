/*
 * psp.h - C99 reference codec for PSP/1, the ParkEdge Serial Protocol.
 *
 * A PSP/1 frame on the wire is COBS(packet) followed by one 0x00 delimiter.
 * A packet (all integers big-endian) is:
 *
 *   offset  size  field
 *   0       1     version, 0x01
 *   1       1     type (see psp_type_t)
 *   2       8     device EUI-64
 *   10      2     seq, uint16
 *   12      1     payload length N, 0..200
 *   13      N     payload
 *   13+N    2     CRC-16/CCITT-FALSE over bytes 0..12+N
 *
 * The codec never allocates and never does I/O: it uses only caller-provided
 * memory and the headers <stdint.h>, <stddef.h>, <stdbool.h> and <string.h>.
 * All functions are reentrant; a psp_deframer_t must not be fed from two
 * contexts at once.
 */
#ifndef PSP_H
#define PSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Sizes ------------------------------------------------------------ */

#define PSP_VERSION            0x01u
#define PSP_DEVICE_LEN         8u    /* EUI-64 */
#define PSP_HEADER_LEN         13u   /* version..payload length byte */
#define PSP_CRC_LEN            2u
#define PSP_OVERHEAD           (PSP_HEADER_LEN + PSP_CRC_LEN)   /* 15 */
#define PSP_MAX_PAYLOAD        200u
#define PSP_MAX_PACKET         (PSP_OVERHEAD + PSP_MAX_PAYLOAD) /* 215 */

/* Largest COBS encoding of n bytes: one code byte per started 254-byte run. */
#define PSP_COBS_MAX_ENCODED(n) ((n) + (n) / 254u + 1u)

/* Largest valid segment (COBS bytes between two delimiters): 216 bytes.  */
#define PSP_MAX_SEGMENT        PSP_COBS_MAX_ENCODED(PSP_MAX_PACKET)
/* Largest valid frame including its 0x00 delimiter: 217 bytes. Size
 * buffers passed to psp_encode_frame() with this. */
#define PSP_MAX_FRAME          (PSP_MAX_SEGMENT + 1u)

/* Payload sizes of the fixed-size types. */
#define PSP_OCCUPANCY_LEN      4u
#define PSP_HEARTBEAT_LEN      5u
#define PSP_LOOP_LEN           2u
#define PSP_ACK_LEN            3u
#define PSP_INDICATOR_LEN      2u
#define PSP_COUNTER_LEN        4u
#define PSP_GATE_LEN           3u

/* scan: lane, kind, then 1..198 bytes of UTF-8 text. */
#define PSP_SCAN_HEADER_LEN    2u
#define PSP_SCAN_TEXT_MIN      1u
#define PSP_SCAN_TEXT_MAX      (PSP_MAX_PAYLOAD - PSP_SCAN_HEADER_LEN) /* 198 */

/* radio: rssi (i16), snr (i8), then one complete non-radio inner packet. */
#define PSP_RADIO_HEADER_LEN   3u
#define PSP_RADIO_INNER_MAX    (PSP_MAX_PAYLOAD - PSP_RADIO_HEADER_LEN) /* 197 */

/* counter: displayable values are 0..9999; 0xFFFF blanks the display. */
#define PSP_COUNTER_MAX        9999u
#define PSP_COUNTER_BLANK      0xFFFFu

/* ---- Enumerations ------------------------------------------------------ */

/* Packet type codes (byte 1 of a packet). */
typedef enum {
    PSP_TYPE_OCCUPANCY = 0x01,
    PSP_TYPE_HEARTBEAT = 0x02,
    PSP_TYPE_SCAN      = 0x03,
    PSP_TYPE_LOOP      = 0x04,
    PSP_TYPE_ACK       = 0x10,
    PSP_TYPE_INDICATOR = 0x20,
    PSP_TYPE_COUNTER   = 0x21,
    PSP_TYPE_GATE      = 0x22,
    PSP_TYPE_RADIO     = 0x30
} psp_type_t;

/*
 * Result of decoding, and the index into psp_deframer_t.counts. The wire
 * error kinds are listed in the order the checks are made (except that
 * bad_length is also step 1, for oversized segments).
 */
typedef enum {
    PSP_OK = 0,               /* a valid packet                           */
    PSP_ERR_BAD_LENGTH,       /* segment too long, packet too short, N > 200,
                                 or length != 15 + N                      */
    PSP_ERR_BAD_COBS,         /* a COBS code byte points past the end     */
    PSP_ERR_BAD_CRC,          /* CRC-16 mismatch                          */
    PSP_ERR_BAD_VERSION,      /* version byte != 0x01                     */
    PSP_ERR_UNKNOWN_TYPE,     /* type code not known (forward compatible) */
    PSP_ERR_BAD_PAYLOAD,      /* payload not valid for its type           */
    PSP_ERR_NO_SPACE,         /* encoder only: output buffer too small    */
    PSP_RESULT_COUNT          /* number of results (array size)           */
} psp_result_t;

/* Enumerated payload fields. */
typedef enum { PSP_STATE_FREE = 0, PSP_STATE_OCCUPIED = 1, PSP_STATE_FAULT = 2 } psp_state_t;
typedef enum { PSP_SCAN_QR = 1, PSP_SCAN_PLATE = 2, PSP_SCAN_TICKET = 3 } psp_scan_kind_t;
typedef enum { PSP_ACK_OK = 0, PSP_ACK_REJECTED = 1, PSP_ACK_BUSY = 2 } psp_ack_status_t;
typedef enum {
    PSP_COLOR_OFF = 0, PSP_COLOR_GREEN = 1, PSP_COLOR_RED = 2,
    PSP_COLOR_BLUE = 3, PSP_COLOR_AMBER = 4, PSP_COLOR_WHITE = 5
} psp_color_t;
typedef enum {
    PSP_PATTERN_SOLID = 0, PSP_PATTERN_SLOW_BLINK = 1, PSP_PATTERN_FAST_BLINK = 2
} psp_pattern_t;
typedef enum {
    PSP_ARROW_NONE = 0, PSP_ARROW_LEFT = 1, PSP_ARROW_RIGHT = 2,
    PSP_ARROW_UP = 3, PSP_ARROW_DOWN = 4
} psp_arrow_t;
typedef enum {
    PSP_GATE_CLOSE = 0, PSP_GATE_OPEN = 1, PSP_GATE_PULSE_OPEN = 2
} psp_gate_action_t;

/* ---- Payloads ----------------------------------------------------------
 * Enumerated fields are stored as uint8_t holding a value of the matching
 * enum above, so that the struct mirrors the wire format exactly. */

typedef struct {                 /* 0x01, 4 bytes */
    uint8_t  state;              /* psp_state_t */
    uint16_t battery_mv;
    int8_t   temperature_c;
} psp_occupancy_t;

typedef struct {                 /* 0x02, 5 bytes */
    uint16_t battery_mv;
    int8_t   temperature_c;
    uint8_t  fw_major;
    uint8_t  fw_minor;
} psp_heartbeat_t;

typedef struct {                 /* 0x03, 3..200 bytes */
    uint8_t  lane;
    uint8_t  kind;               /* psp_scan_kind_t */
    uint8_t  text_len;           /* 1..PSP_SCAN_TEXT_MAX */
    /* UTF-8 bytes. The decoder adds a terminating NUL for convenience; the
     * encoder uses text_len only. Text may itself contain U+0000. */
    uint8_t  text[PSP_SCAN_TEXT_MAX + 1u];
} psp_scan_t;

typedef struct {                 /* 0x04, 2 bytes */
    uint8_t  lane;
    bool     present;
} psp_loop_t;

typedef struct {                 /* 0x10, 3 bytes */
    uint16_t acked_seq;
    uint8_t  status;             /* psp_ack_status_t */
} psp_ack_t;

typedef struct {                 /* 0x20, 2 bytes */
    uint8_t  color;              /* psp_color_t */
    uint8_t  pattern;            /* psp_pattern_t */
} psp_indicator_t;

typedef struct {                 /* 0x21, 4 bytes */
    uint16_t value;              /* 0..9999, or PSP_COUNTER_BLANK */
    uint8_t  arrow;              /* psp_arrow_t */
    uint8_t  color;              /* psp_color_t */
} psp_counter_t;

typedef struct {                 /* 0x22, 3 bytes */
    uint8_t  lane;
    uint8_t  action;             /* psp_gate_action_t */
    uint8_t  hold_s;
} psp_gate_t;

/* The payload of every type except radio. */
typedef union {
    psp_occupancy_t occupancy;
    psp_heartbeat_t heartbeat;
    psp_scan_t      scan;
    psp_loop_t      loop;
    psp_ack_t       ack;
    psp_indicator_t indicator;
    psp_counter_t   counter;
    psp_gate_t      gate;
} psp_basic_payload_t;

/*
 * A packet carried inside a radio packet. Radio packets may not nest, so
 * this has no radio member: `type` is never PSP_TYPE_RADIO.
 */
typedef struct {
    uint8_t             type;    /* psp_type_t, not PSP_TYPE_RADIO */
    uint8_t             device[PSP_DEVICE_LEN];
    uint16_t            seq;
    psp_basic_payload_t u;       /* member selected by type */
} psp_inner_packet_t;

typedef struct {                 /* 0x30, 3 + inner packet length */
    int16_t            rssi_dbm;
    int8_t             snr_qdb;  /* SNR in quarter dB: -29 means -7.25 dB */
    psp_inner_packet_t inner;
} psp_radio_t;

/* A decoded packet: `type` selects the member of `u`. */
typedef struct {
    uint8_t  type;               /* psp_type_t */
    uint8_t  device[PSP_DEVICE_LEN];
    uint16_t seq;
    union {
        psp_occupancy_t occupancy;
        psp_heartbeat_t heartbeat;
        psp_scan_t      scan;
        psp_loop_t      loop;
        psp_ack_t       ack;
        psp_indicator_t indicator;
        psp_counter_t   counter;
        psp_gate_t      gate;
        psp_radio_t     radio;
    } u;
} psp_packet_t;

/* ---- Primitives -------------------------------------------------------- */

/* CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0).
 * psp_crc16("123456789", 9) == 0x29B1. */
uint16_t psp_crc16(const uint8_t *data, size_t len);

/* COBS-encodes n bytes of src into dst (no delimiter is appended).
 * Returns the number of bytes written (always >= 1), or 0 if cap is less
 * than PSP_COBS_MAX_ENCODED(n). src and dst must not overlap. */
size_t psp_cobs_encode(const uint8_t *src, size_t n, uint8_t *dst, size_t cap);

/* Decodes n COBS bytes (no delimiter) from src into dst, at most cap bytes.
 * Decoding in place (dst == src) is allowed. Returns false if the input is
 * not valid COBS (a zero byte, or a code byte pointing past the end) or the
 * output would exceed cap; otherwise stores the decoded length in *out_len. */
bool psp_cobs_decode(const uint8_t *src, size_t n, uint8_t *dst, size_t cap,
                     size_t *out_len);

/* ---- Packets and frames ------------------------------------------------ */

/* Serialises *pkt into out (cap bytes; PSP_MAX_PACKET always suffices).
 * The packet is validated exactly as the decoder would: returns
 * PSP_ERR_UNKNOWN_TYPE or PSP_ERR_BAD_PAYLOAD for a struct that would not
 * make a valid packet, PSP_ERR_NO_SPACE if cap is too small, otherwise
 * PSP_OK with the packet length in *out_len. */
psp_result_t psp_encode_packet(const psp_packet_t *pkt, uint8_t *out, size_t cap,
                               size_t *out_len);

/* As psp_encode_packet(), then COBS-encodes and appends the 0x00 delimiter.
 * PSP_MAX_FRAME bytes always suffice. Uses PSP_MAX_PACKET bytes of stack. */
psp_result_t psp_encode_frame(const psp_packet_t *pkt, uint8_t *out, size_t cap,
                              size_t *out_len);

/* Decodes one packet (not COBS-encoded) of len bytes, making checks 3 to 7
 * of the specification in order. On PSP_OK *pkt is filled in; on error its
 * contents are unspecified. */
psp_result_t psp_decode_packet(const uint8_t *bytes, size_t len, psp_packet_t *pkt);

/* Decodes one segment (the COBS bytes between two delimiters, without the
 * delimiter), making checks 1 to 7 in order. The segment is decoded in place
 * and so is overwritten. An empty segment gives PSP_ERR_BAD_LENGTH; the
 * deframer never passes one. */
psp_result_t psp_decode_segment(uint8_t *segment, size_t len, psp_packet_t *pkt);

/* ---- Streaming deframer ------------------------------------------------ */

/* Called once per non-empty delimited segment: with result PSP_OK and the
 * decoded packet, or with an error kind and pkt == NULL. *pkt is only valid
 * during the call. The callback must not feed the same deframer. */
typedef void (*psp_frame_cb)(void *user_ctx, psp_result_t result,
                             const psp_packet_t *pkt);

typedef struct {
    uint8_t      buf[PSP_MAX_SEGMENT]; /* bytes of the current segment  */
    size_t       len;                  /* bytes held in buf             */
    bool         overflow;             /* segment exceeded buf: dropped */
    psp_frame_cb callback;
    void        *user_ctx;
    psp_packet_t packet;               /* decoded packet handed to callback */
    /* Segments seen per result: counts[PSP_OK] good packets, the others per
     * error kind. Wrap around at 2^32. */
    uint32_t     counts[PSP_RESULT_COUNT];
} psp_deframer_t;

/* Resets *d: empty buffer, zero counters. callback may be NULL (counting
 * only). */
void psp_deframer_init(psp_deframer_t *d, psp_frame_cb callback, void *user_ctx);

/* Feeds n received bytes, in any chunking. Each 0x00 ends a segment; empty
 * segments are ignored; every other segment produces exactly one callback
 * and one count. Never fails: after noise it resynchronises at the next
 * 0x00. */
void psp_deframer_feed(psp_deframer_t *d, const uint8_t *bytes, size_t n);

/* A short lowercase name for a result: "ok", "bad_length", "bad_cobs",
 * "bad_crc", "bad_version", "unknown_type", "bad_payload", "no_space". */
const char *psp_result_name(psp_result_t result);

#ifdef __cplusplus
}
#endif

#endif /* PSP_H */
