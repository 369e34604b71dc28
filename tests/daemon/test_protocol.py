"""The wire contract: envelopes validate, unknown versions and malformed frames get typed errors."""

import json

import pytest
from pydantic import ValidationError

from daemon.wire import (
    MAX_HEADER_BYTES,
    MAX_HEADER_DEPTH,
    WireError,
    decode_reply,
    encode_reply,
    encode_request,
    json_depth,
    parse_frames,
)
from schemas.protocol import (
    ERROR_CODES,
    PROTOCOL_VERSION,
    ExtractOptions,
    ImageMeta,
    Reply,
    Request,
)


def header(**fields) -> bytes:
    base = {"protocol": PROTOCOL_VERSION, "id": "r1", "kind": "ping"}
    base.update(fields)
    return json.dumps(base).encode()


def test_error_codes_are_the_documented_set():
    assert set(ERROR_CODES) == {"bad_request", "unsupported_version", "image_invalid",
                                "too_large", "busy", "model_error", "timeout", "cancelled",
                                "forbidden", "internal"}


def test_request_round_trips_through_frames():
    req = Request(protocol=1, id="abc", kind="extract",
                  images=[ImageMeta(role="package", name="p.png"), ImageMeta(role="land_pattern")],
                  options=ExtractOptions(name="SOIC-8_Test", density="most", build=False))
    frames = encode_request(req, [b"one", b"two"])
    assert frames[0] == b"" and frames[2:] == [b"one", b"two"]
    incoming = parse_frames(frames)
    assert incoming.request == req
    assert incoming.images == [b"one", b"two"]
    assert incoming.delimiter is True
    assert req.options.build_options().density == "most"


def test_request_without_delimiter_is_accepted_and_mirrored():
    incoming = parse_frames([header()])
    assert incoming.delimiter is False
    assert encode_reply(Reply(id="r1", status="ok"), incoming.delimiter)[0] != b""


@pytest.mark.parametrize("version", [0, 2, 99, -1])
def test_unknown_protocol_version_is_typed(version):
    with pytest.raises(WireError) as err:
        parse_frames([b"", header(protocol=version)])
    assert err.value.code == "unsupported_version"
    assert err.value.request_id == "r1"


@pytest.mark.parametrize("version", ["1", None, True, 1.5, [1], {"v": 1}])
def test_a_version_that_is_no_integer_is_a_bad_request(version):
    with pytest.raises(WireError) as err:
        parse_frames([b"", header(protocol=version)])
    assert err.value.code == "bad_request" and "integer" in err.value.message
    assert err.value.request_id == "r1"


def test_a_header_without_a_version_is_a_bad_request():
    with pytest.raises(WireError) as err:
        parse_frames([b"", json.dumps({"id": "r2", "kind": "ping"}).encode()])
    assert err.value.code == "bad_request" and "protocol" in err.value.message
    assert err.value.request_id == "r2"


@pytest.mark.parametrize("text", [
    '{"protocol": 1, "id": "n1", "kind": "ping", "timeout_s": NaN}',
    '{"protocol": 1, "id": "n1", "kind": "ping", "timeout_s": Infinity}',
    '{"protocol": 1, "id": "n1", "kind": "ping", "timeout_s": -Infinity}',
    '{"protocol": 1, "id": "n1", "kind": "ping", "timeout_s": 1e999}',
    '{"protocol": 1, "id": "n1", "kind": "ping", "timeout_s": ' + "9" * 5000 + "}",
    '{"protocol": 1' + "0" * 30 + ', "id": "n1", "kind": "ping"}',
])
def test_non_finite_and_huge_numbers_are_bad_requests(text):
    with pytest.raises(WireError) as err:
        parse_frames([b"", text.encode()])
    assert err.value.code == "bad_request"
    assert err.value.request_id == "n1"  # salvaged from the raw bytes


@pytest.mark.parametrize("depth", [33, 1000, 30000])
def test_deep_nesting_is_refused_before_parsing(depth):
    text = ('{"protocol":1,"id":"d1","kind":"ping","options":' + "[" * depth + "]" * depth
            + "}").encode()
    assert len(text) < MAX_HEADER_BYTES
    with pytest.raises(WireError) as err:
        parse_frames([b"", text])
    assert err.value.code == "bad_request" and "levels deep" in err.value.message
    assert err.value.request_id == "d1"


@pytest.mark.parametrize("text,depth", [
    (b"{}", 1), (b'[[{"a": [1]}]]', 4), (b'{"a": "[[[[[[[[[[["}', 1),
    (b'{"a": "\\\"[[", "b": [[]]}', 3), (b'"unterminated [[[', 0),
])
def test_json_depth_skips_strings(text, depth):
    assert json_depth(text) == depth


def test_depth_at_the_limit_parses():
    inner = "[" * (MAX_HEADER_DEPTH - 2) + "]" * (MAX_HEADER_DEPTH - 2)
    text = f'{{"protocol":1,"id":"d2","kind":"ping","options":{{"name":{inner}}}}}'.encode()
    with pytest.raises(WireError) as err:  # parsed, then refused by validation, not depth
        parse_frames([b"", text])
    assert err.value.code == "bad_request" and "levels deep" not in err.value.message


@pytest.mark.parametrize("frames,code", [
    ([], "bad_request"),
    ([b""], "bad_request"),
    ([b"", b"\xff\xfe garbage"], "bad_request"),
    ([b"", b"[1, 2]"], "bad_request"),
    ([b"", b"{}"], "bad_request"),
    ([b"", header(kind="dance")], "bad_request"),
    ([b"", header(id="has spaces")], "bad_request"),
    ([b"", header(extra_field=1)], "bad_request"),
    ([b"", header(kind="extract")], "bad_request"),  # no images
    ([b"", header(kind="extract", images=[{"role": "package"}])], "bad_request"),  # no frame
    ([b"", header(kind="extract", images=[{"role": "roof"}]), b"x"], "bad_request"),
    ([b"", header(kind="ping"), b"stray image"], "bad_request"),
    ([b"", header(kind="cancel")], "bad_request"),
    ([b"", header(kind="extract", images=[{}] * 5), *[b"x"] * 5], "bad_request"),
    ([b"", b" " * 70000], "too_large"),
])
def test_malformed_requests_get_typed_errors(frames, code):
    with pytest.raises(WireError) as err:
        parse_frames(frames)
    assert err.value.code == code
    assert err.value.code in ERROR_CODES


def test_reply_decoding_and_failure_helper():
    reply = Reply.failure("r9", "busy", "queue full", hint="retry", kind="extract")
    decoded = decode_reply(encode_reply(reply))
    assert decoded == reply and not decoded.ok and decoded.final
    with pytest.raises(ValidationError):
        Reply.failure("r9", "not_a_code", "x")


def test_options_validate_names_and_hints():
    with pytest.raises(ValidationError):
        ExtractOptions(name="bad name with spaces")
    with pytest.raises(ValidationError):
        ExtractOptions(units_hint="furlong")
    assert ExtractOptions(part_name="LM358 (TI)").build is True


def test_replies_from_a_newer_daemon_with_extra_fields_still_decode():
    newer = {"protocol": 1, "id": "x", "status": "ok", "kind": "ping", "new_field": 1,
             "ping": {"state": "ready", "queue_length": 0, "reader": "r", "uptime_s": 1.0,
                      "protocol_versions": [1, 2], "gpu_temperature": 50,
                      "limits": {"max_message_bytes": 1, "max_image_bytes": 1,
                                 "max_image_pixels": 1, "image_token_budget": 1,
                                 "queue_capacity": 1, "default_timeout_s": 1.0}}}
    reply = decode_reply([b"", json.dumps(newer).encode()])
    assert reply.ok and reply.ping.protocol_versions == [1, 2]
    with pytest.raises(ValidationError):  # requests stay strict
        Request.model_validate({"protocol": 1, "id": "x", "kind": "ping", "new_field": 1})
