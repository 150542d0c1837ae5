#!/usr/bin/env python3
"""Writes psp1.json, the PSP/1 test vectors shared by the Java and C codecs.

This is a third, independent encoder of PSP/1, written from PROTOCOL.md alone: if the Java
and C codecs agree with each other but not with it, one of the three misreads the spec.
Run it after changing a vector: python3 generate.py > psp1.json
"""
import json
import struct

TYPES = {"occupancy": 0x01, "heartbeat": 0x02, "scan": 0x03, "loop": 0x04, "ack": 0x10,
         "indicator": 0x20, "counter": 0x21, "gate": 0x22, "radio": 0x30}
STATE = ["free", "occupied", "fault"]
KIND = {"qr": 1, "plate": 2, "ticket": 3}
STATUS = ["ok", "rejected", "busy"]
COLOR = ["off", "green", "red", "blue", "amber", "white"]
PATTERN = ["solid", "slow_blink", "fast_blink"]
ARROW = ["none", "left", "right", "up", "down"]
ACTION = ["close", "open", "pulse_open"]


def crc16(data):
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def cobs(data):
    out, block = bytearray(), bytearray()
    for byte in data:
        if byte == 0:
            out += bytes([len(block) + 1]) + block
            block = bytearray()
        else:
            block.append(byte)
            if len(block) == 254:
                out += bytes([255]) + block
                block = bytearray()
    out += bytes([len(block) + 1]) + block
    return bytes(out)


def payload(m):
    t = m["type"]
    if t == "occupancy":
        return struct.pack(">BHb", STATE.index(m["state"]), m["battery_mv"], m["temperature_c"])
    if t == "heartbeat":
        major, minor = (int(x) for x in m["firmware"].split("."))
        return struct.pack(">HbBB", m["battery_mv"], m["temperature_c"], major, minor)
    if t == "scan":
        return struct.pack(">BB", m["lane"], KIND[m["kind"]]) + m["text"].encode("utf-8")
    if t == "loop":
        return struct.pack(">BB", m["lane"], 1 if m["present"] else 0)
    if t == "ack":
        return struct.pack(">HB", m["acked_seq"], STATUS.index(m["status"]))
    if t == "indicator":
        return struct.pack(">BB", COLOR.index(m["color"]), PATTERN.index(m["pattern"]))
    if t == "counter":
        value = 0xFFFF if m["value"] == "blank" else m["value"]
        return struct.pack(">HBB", value, ARROW.index(m["arrow"]), COLOR.index(m["color"]))
    if t == "gate":
        return struct.pack(">BBB", m["lane"], ACTION.index(m["action"]), m["hold_s"])
    if t == "radio":
        return struct.pack(">hb", m["rssi_dbm"], int(m["snr_db"] * 4)) + packet(m["inner"])
    raise ValueError(t)


def raw_packet(version, type_code, device_hex, seq, body, length=None, crc_delta=0):
    head = bytes([version, type_code]) + bytes.fromhex(device_hex) + struct.pack(">H", seq)
    head += bytes([len(body) if length is None else length])
    data = head + body
    return data + struct.pack(">H", (crc16(data) + crc_delta) & 0xFFFF)


def packet(m):
    return raw_packet(1, TYPES[m["type"]], m["device"], m["seq"], payload(m))


def frame(packet_bytes):
    return cobs(packet_bytes) + b"\x00"


def msg(type_, device, seq, **fields):
    return {"type": type_, "device": device, "seq": seq, **fields}


D1 = "70b3d57ed0001001"
D2 = "70b3d57ed0002001"
LANE = "70b3d57ed0003001"
ZERO = "0000000000000000"
ONES = "ffffffffffffffff"

GOOD = [
    ("occupancy_worked_example", msg("occupancy", D1, 17, state="occupied", battery_mv=3600, temperature_c=21)),
    ("occupancy_free", msg("occupancy", D1, 18, state="free", battery_mv=3599, temperature_c=20)),
    ("occupancy_fault_cold_flat_battery", msg("occupancy", D1, 0, state="fault", battery_mv=0, temperature_c=-128)),
    ("occupancy_extremes", msg("occupancy", ONES, 65535, state="occupied", battery_mv=65535, temperature_c=127)),
    ("occupancy_zero_device_many_zero_bytes", msg("occupancy", ZERO, 0, state="free", battery_mv=0, temperature_c=0)),
    ("heartbeat", msg("heartbeat", D1, 300, battery_mv=3012, temperature_c=-5, firmware="1.12")),
    ("heartbeat_firmware_extremes", msg("heartbeat", D1, 1, battery_mv=4200, temperature_c=45, firmware="255.0")),
    ("scan_qr", msg("scan", LANE, 7, lane=1, kind="qr", text="PE1.eyJyIjoiUi0xMjM0In0.sig")),
    ("scan_plate", msg("scan", LANE, 8, lane=2, kind="plate", text="B-PE 1234")),
    ("scan_ticket_one_byte", msg("scan", LANE, 9, lane=0, kind="ticket", text="7")),
    ("scan_plate_non_ascii", msg("scan", LANE, 10, lane=255, kind="plate", text="MÜ-ÄÖ 42 €")),
    ("scan_longest_text", msg("scan", LANE, 11, lane=3, kind="qr", text="Q" * 198)),
    ("loop_present", msg("loop", LANE, 12, lane=1, present=True)),
    ("loop_clear", msg("loop", LANE, 13, lane=1, present=False)),
    ("ack_ok", msg("ack", LANE, 14, acked_seq=513, status="ok")),
    ("ack_rejected", msg("ack", LANE, 15, acked_seq=0, status="rejected")),
    ("ack_busy", msg("ack", LANE, 16, acked_seq=65535, status="busy")),
]
GOOD += [(f"indicator_{c}_{p}", msg("indicator", D2, 100 + i, color=c, pattern=p))
         for i, (c, p) in enumerate([("off", "solid"), ("green", "solid"), ("red", "slow_blink"),
                                     ("blue", "fast_blink"), ("amber", "solid"), ("white", "slow_blink")])]
GOOD += [
    ("counter_zero", msg("counter", "70b3d57ed0004001", 1, value=0, arrow="none", color="red")),
    ("counter_42_left_green", msg("counter", "70b3d57ed0004001", 2, value=42, arrow="left", color="green")),
    ("counter_max_right", msg("counter", "70b3d57ed0004001", 3, value=9999, arrow="right", color="amber")),
    ("counter_up", msg("counter", "70b3d57ed0004001", 4, value=7, arrow="up", color="white")),
    ("counter_down_blue", msg("counter", "70b3d57ed0004001", 5, value=256, arrow="down", color="blue")),
    ("counter_blank", msg("counter", "70b3d57ed0004001", 6, value="blank", arrow="none", color="off")),
    ("gate_open", msg("gate", LANE, 20, lane=1, action="open", hold_s=10)),
    ("gate_close", msg("gate", LANE, 21, lane=1, action="close", hold_s=0)),
    ("gate_pulse_open", msg("gate", LANE, 22, lane=2, action="pulse_open", hold_s=255)),
    ("radio_occupancy", msg("radio", "70b3d57ed0009001", 500, rssi_dbm=-97, snr_db=7.5,
                            inner=msg("occupancy", D1, 17, state="occupied", battery_mv=3600, temperature_c=21))),
    ("radio_negative_snr_heartbeat", msg("radio", "70b3d57ed0009001", 501, rssi_dbm=-120, snr_db=-7.25,
                                         inner=msg("heartbeat", D1, 2, battery_mv=3300, temperature_c=18, firmware="2.3"))),
    ("radio_signal_extremes_scan", msg("radio", "70b3d57ed0009001", 502, rssi_dbm=-32768, snr_db=-32.0,
                                       inner=msg("scan", LANE, 3, lane=1, kind="plate", text="HH-AB 12"))),
    ("radio_positive_extremes", msg("radio", "70b3d57ed0009001", 503, rssi_dbm=32767, snr_db=31.75,
                                    inner=msg("loop", LANE, 4, lane=2, present=True))),
]


def good_vector(name, m):
    p = packet(m)
    return {"name": name, "packet": p.hex(), "frame": frame(p).hex(), "decoded": m}


def occupancy_body():
    return payload(msg("occupancy", D1, 17, state="occupied", battery_mv=3600, temperature_c=21))


def bad(name, wire, error, why):
    return {"name": name, "frame": wire.hex(), "error": error, "why": why}


def packet_of(type_code, body, **kw):
    return raw_packet(kw.pop("version", 1), type_code, D1, 17, body, **kw)


example = packet_of(1, occupancy_body())
BAD = [
    bad("oversized_frame_217_bytes", b"\x05" * 217 + b"\x00", "bad_length",
        "longer than the largest valid frame (216 bytes before the delimiter), checked before COBS"),
    bad("oversized_frame_1000_bytes", bytes(range(1, 201)) * 5 + b"\x00", "bad_length",
        "the deframer drops what does not fit and reports one error"),
    bad("largest_frame_216_bytes_with_wrong_crc", frame(packet_of(3, b"\x01\x01" + b"Q" * 198, crc_delta=1)),
        "bad_crc", "216 bytes before the delimiter is the largest frame and goes through to the CRC check"),
    bad("cobs_code_past_end", bytes.fromhex("0801017000"), "bad_cobs", "code 08 needs 7 more bytes"),
    bad("cobs_single_byte_code_past_end", bytes.fromhex("ff00"), "bad_cobs", "code ff needs 254 more bytes"),
    bad("too_short", frame(example[:14]), "bad_length", "14 bytes, fewer than the 15-byte minimum"),
    bad("header_only_no_crc", frame(example[:13]), "bad_length", "a header alone"),
    bad("payload_length_over_200", frame(packet_of(1, b"\x00" * 201)), "bad_length",
        "N=201 is more than the 200 maximum"),
    bad("payload_length_says_more_than_sent", frame(packet_of(1, occupancy_body(), length=5)), "bad_length",
        "N=5 but 4 payload bytes"),
    bad("payload_length_says_less_than_sent", frame(packet_of(1, occupancy_body(), length=3)), "bad_length",
        "N=3 but 4 payload bytes"),
    bad("crc_off_by_one", frame(packet_of(1, occupancy_body(), crc_delta=1)), "bad_crc", "CRC + 1"),
    bad("payload_bit_flipped", frame(example[:13] + bytes([example[13] ^ 0x02]) + example[14:]), "bad_crc",
        "state byte changed after the CRC was computed"),
    bad("version_2", frame(packet_of(1, occupancy_body(), version=2)), "bad_version", "version 0x02"),
    bad("version_0", frame(packet_of(1, occupancy_body(), version=0)), "bad_version", "version 0x00"),
    bad("unknown_type_0x7f", frame(packet_of(0x7F, b"\x01\x02")), "unknown_type", "type 0x7f is not defined"),
    bad("unknown_type_0x00_empty", frame(packet_of(0x00, b"")), "unknown_type", "type 0x00 is not defined"),
    bad("occupancy_payload_3_bytes", frame(packet_of(1, occupancy_body()[:3])), "bad_payload",
        "occupancy expects 4 bytes"),
    bad("occupancy_state_3", frame(packet_of(1, b"\x03\x0e\x10\x15")), "bad_payload", "state 3 is undefined"),
    bad("heartbeat_payload_4_bytes", frame(packet_of(2, b"\x0b\xc4\x15\x01")), "bad_payload",
        "heartbeat expects 5 bytes"),
    bad("scan_without_text", frame(packet_of(3, b"\x01\x01")), "bad_payload", "text must be 1..198 bytes"),
    bad("scan_kind_0", frame(packet_of(3, b"\x01\x00ABC")), "bad_payload", "kind 0 is undefined"),
    bad("scan_kind_4", frame(packet_of(3, b"\x01\x04ABC")), "bad_payload", "kind 4 is undefined"),
    bad("scan_text_invalid_utf8", frame(packet_of(3, b"\x01\x02AB\xff")), "bad_payload", "0xff is never UTF-8"),
    bad("scan_text_overlong_utf8", frame(packet_of(3, b"\x01\x02\xc0\xaf")), "bad_payload",
        "overlong encoding of '/'"),
    bad("scan_text_utf8_surrogate", frame(packet_of(3, b"\x01\x02\xed\xa0\x80")), "bad_payload",
        "U+D800 is a surrogate"),
    bad("scan_text_truncated_utf8", frame(packet_of(3, b"\x01\x02AB\xe2\x82")), "bad_payload",
        "a 3-byte sequence cut short"),
    bad("scan_text_above_u10ffff", frame(packet_of(3, b"\x01\x02\xf4\x90\x80\x80")), "bad_payload",
        "U+110000 is beyond Unicode"),
    bad("loop_present_2", frame(packet_of(4, b"\x01\x02")), "bad_payload", "present must be 0 or 1"),
    bad("loop_payload_3_bytes", frame(packet_of(4, b"\x01\x01\x00")), "bad_payload", "loop expects 2 bytes"),
    bad("ack_status_3", frame(packet_of(0x10, b"\x00\x11\x03")), "bad_payload", "status 3 is undefined"),
    bad("ack_payload_2_bytes", frame(packet_of(0x10, b"\x00\x11")), "bad_payload", "ack expects 3 bytes"),
    bad("indicator_color_6", frame(packet_of(0x20, b"\x06\x00")), "bad_payload", "color 6 is undefined"),
    bad("indicator_pattern_3", frame(packet_of(0x20, b"\x01\x03")), "bad_payload", "pattern 3 is undefined"),
    bad("indicator_payload_empty", frame(packet_of(0x20, b"")), "bad_payload", "indicator expects 2 bytes"),
    bad("counter_value_10000", frame(packet_of(0x21, b"\x27\x10\x00\x01")), "bad_payload",
        "10000 is over 9999 and not blank"),
    bad("counter_value_65534", frame(packet_of(0x21, b"\xff\xfe\x00\x01")), "bad_payload",
        "65534 is not blank"),
    bad("counter_arrow_5", frame(packet_of(0x21, b"\x00\x2a\x05\x01")), "bad_payload", "arrow 5 is undefined"),
    bad("counter_color_9", frame(packet_of(0x21, b"\x00\x2a\x00\x09")), "bad_payload", "color 9 is undefined"),
    bad("gate_action_3", frame(packet_of(0x22, b"\x01\x03\x0a")), "bad_payload", "action 3 is undefined"),
    bad("gate_payload_2_bytes", frame(packet_of(0x22, b"\x01\x01")), "bad_payload", "gate expects 3 bytes"),
    bad("radio_too_short_for_inner", frame(packet_of(0x30, b"\xff\x9f\x1e" + example[:10])), "bad_payload",
        "an inner packet needs at least 15 bytes"),
    bad("radio_inner_bad_crc", frame(packet_of(0x30, b"\xff\x9f\x1e" + example[:-1] + bytes([example[-1] ^ 1]))),
        "bad_payload", "the inner packet's CRC is wrong"),
    bad("radio_inner_unknown_type", frame(packet_of(0x30, b"\xff\x9f\x1e" + packet_of(0x7F, b""))),
        "bad_payload", "the inner packet has an unknown type"),
    bad("radio_inside_radio", frame(packet_of(0x30, b"\xff\x9f\x1e" + packet_of(0x30, b"\xff\x9f\x1e" + example))),
        "bad_payload", "radio packets do not nest"),
]

worked = frame(example)
heartbeat = frame(packet(msg("heartbeat", D1, 300, battery_mv=3012, temperature_c=-5, firmware="1.12")))
worked_json = GOOD[0][1]
heartbeat_json = GOOD[5][1]


def split(data, *cuts):
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(data[start:cut].hex())
        start = cut
    pieces.append(data[start:].hex())
    return pieces


STREAMS = [
    {"name": "one_frame_byte_by_byte", "chunks": [bytes([b]).hex() for b in worked],
     "expect": [worked_json]},
    {"name": "two_frames_in_one_chunk", "chunks": [(worked + heartbeat).hex()],
     "expect": [worked_json, heartbeat_json]},
    {"name": "frame_split_across_three_reads", "chunks": split(worked, 3, 11),
     "expect": [worked_json]},
    {"name": "empty_chunks_and_repeated_delimiters_are_ignored",
     "chunks": ["", "0000", worked.hex(), "", "00", "00" + heartbeat.hex()],
     "expect": [worked_json, heartbeat_json]},
    {"name": "garbage_before_first_delimiter_then_frame", "chunks": ["ffff01", "00" + worked.hex()],
     "expect": [{"error": "bad_cobs"}, worked_json]},
    {"name": "joining_mid_frame_loses_only_that_frame", "chunks": [worked[7:].hex() + heartbeat.hex()],
     "expect": [{"error": "bad_cobs"}, heartbeat_json]},
    {"name": "corrupt_frame_between_good_ones",
     "chunks": [(worked + frame(packet_of(1, occupancy_body(), crc_delta=1)) + heartbeat).hex()],
     "expect": [worked_json, {"error": "bad_crc"}, heartbeat_json]},
    {"name": "unknown_type_is_skipped_and_next_frame_decodes",
     "chunks": [(frame(packet_of(0x7F, b"\x01")) + worked).hex()],
     "expect": [{"error": "unknown_type"}, worked_json]},
    {"name": "long_noise_without_delimiter_then_frame",
     "chunks": [(bytes(range(1, 256)) * 2).hex(), "00", worked.hex()],
     "expect": [{"error": "bad_length"}, worked_json]},
    {"name": "trailing_partial_frame_waits_for_more", "chunks": [worked.hex() + heartbeat[:9].hex()],
     "expect": [worked_json]},
    {"name": "every_failure_kind_in_one_stream",
     "chunks": [(b"\x07" * 300 + b"\x00" + bytes.fromhex("0801017000") + frame(example[:14])
                 + frame(packet_of(1, occupancy_body(), crc_delta=1))
                 + frame(packet_of(1, occupancy_body(), version=2)) + frame(packet_of(0x7F, b""))
                 + frame(packet_of(1, b"\x03\x0e\x10\x15")) + worked).hex()],
     "expect": [{"error": "bad_length"}, {"error": "bad_cobs"}, {"error": "bad_length"}, {"error": "bad_crc"},
                {"error": "bad_version"}, {"error": "unknown_type"}, {"error": "bad_payload"}, worked_json]},
]


def main():
    assert packet(worked_json).hex() == "010170b3d57ed0001001001104010e10155c6b"
    assert worked.hex() == "08010170b3d57ed0031001091104010e10155c6b00"
    assert crc16(b"123456789") == 0x29B1
    lines = ['{', '  "protocol": "PSP/1",',
             '  "about": "Shared test vectors for the Java and C codecs. Written by generate.py; see PROTOCOL.md.",',
             '  "good": [']
    sections = [("good", [good_vector(n, m) for n, m in GOOD]), ("bad", BAD), ("streams", STREAMS)]
    for i, (name, rows) in enumerate(sections):
        if i:
            lines.append(f'  "{name}": [')
        for j, row in enumerate(rows):
            comma = "," if j < len(rows) - 1 else ""
            lines.append("    " + json.dumps(row, ensure_ascii=False) + comma)
        lines.append("  ]" + ("," if i < len(sections) - 1 else ""))
    lines.append("}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
