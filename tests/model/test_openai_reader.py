"""The OpenAI-compatible reader against a stub chat-completions server on 127.0.0.1."""

import base64
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from daemon.model.openai_reader import OpenAICompatReader
from daemon.model.output import ModelOutputError
from daemon.readers.base import PageImage, ReadCancelledError, ReaderError, ReadHints
from schemas.reading import DatasheetReading

MODEL = "Qwen/Qwen3-VL-8B-Instruct"
ANSWER = ('{"units":"mm","family":"soic","pin_count":8,"pitch":{"nom":1.27,'
          '"source":"datasheet_table"},"land_pattern":{"pad_width":{"nom":0.6}}}')


class Stub:
    """What the stub server answers next, and what it was sent."""

    def __init__(self):
        self.requests = []
        self.chunks = [ANSWER[i:i + 20] for i in range(0, len(ANSWER), 20)]
        self.finish = "stop"
        self.status = 200
        self.error_body = b""
        self.chunk_delay_s = 0.0
        self.models = [MODEL]


def _handler(stub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _send(self, status, body, content_type="application/json"):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            stub.requests.append(("GET", self.path, dict(self.headers), None))
            data = {"object": "list", "data": [{"id": m} for m in stub.models]}
            self._send(200, json.dumps(data).encode())

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            stub.requests.append(("POST", self.path, dict(self.headers), body))
            if stub.status != 200:
                self._send(stub.status, stub.error_body)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for i, text in enumerate(stub.chunks):
                    last = i == len(stub.chunks) - 1
                    chunk = {"choices": [{"index": 0, "delta": {"content": text},
                                          "finish_reason": stub.finish if last else None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    time.sleep(stub.chunk_delay_s)
                self.wfile.write(b"data: [DONE]\n\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away (a cancel)

    return Handler


@pytest.fixture
def stub():
    state = Stub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield state
    server.shutdown()
    server.server_close()


def _pages():
    return [PageImage(Image.new("RGB", (64, 48), "white"), "package", "p1.png"),
            PageImage(Image.new("RGB", (40, 40), "black"), "land_pattern", "p2.png")]


def test_reads_a_streamed_answer_and_sends_images_schema_and_limits(stub):
    reader = OpenAICompatReader(stub.url, MODEL, api_key="sekrit", max_new_tokens=777)
    reading = reader.read(_pages(), ReadHints(part_name="LM358"))
    assert isinstance(reading, DatasheetReading)
    assert reading.pitch.nom == 1.27 and reading.land_pattern.pad_width.nom == 0.6
    method, path, headers, body = stub.requests[-1]
    assert (method, path) == ("POST", "/v1/chat/completions")
    assert headers["Authorization"] == "Bearer sekrit"
    assert body["model"] == MODEL and body["max_tokens"] == 777 and body["stream"] is True
    assert body["temperature"] == 0.0 and body["presence_penalty"] == 0.0
    schema = body["response_format"]["json_schema"]["schema"]
    assert body["response_format"]["type"] == "json_schema"
    assert schema["$defs"]["Toleranced"]["anyOf"]  # the grammar schema, not pydantic's
    urls = [c["image_url"]["url"] for m in body["messages"] for c in m["content"]
            if c["type"] == "image_url"]
    assert len(urls) == 2 and all(u.startswith("data:image/png;base64,") for u in urls)
    with Image.open(io.BytesIO(base64.b64decode(urls[0].split(",", 1)[1]))) as first:
        assert first.size == (64, 48)
    text = " ".join(c["text"] for m in body["messages"] for c in m["content"]
                    if c["type"] == "text")
    assert "part LM358" in text and "PACKAGE" in text
    assert reader.info()["base_url"] == stub.url


def test_cut_off_answer_is_a_model_output_error_with_raw_text(stub):
    stub.chunks, stub.finish = [ANSWER[:30]], "length"
    with pytest.raises(ModelOutputError, match="cut off") as info:
        OpenAICompatReader(stub.url, MODEL).read(_pages(), ReadHints())
    assert info.value.raw == ANSWER[:30]


def test_http_error_carries_the_server_message(stub):
    reader = OpenAICompatReader(stub.url, MODEL)
    stub.status = 400
    stub.error_body = json.dumps({"error": {"message": "image too large for context"}}).encode()
    with pytest.raises(ReaderError, match="HTTP 400: image too large for context"):
        reader.read(_pages(), ReadHints())


def test_wrong_served_model_is_refused_at_start(stub):
    stub.models = ["some-other-model"]
    with pytest.raises(ReaderError, match="serves \\['some-other-model'\\]"):
        OpenAICompatReader(stub.url, MODEL)


def test_unreachable_server_says_so():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ReaderError, match="cannot reach the model server"):
        OpenAICompatReader(f"http://127.0.0.1:{port}/v1", MODEL, timeout_s=2)


def test_bad_url_is_refused():
    with pytest.raises(ReaderError, match="http:// or https://"):
        OpenAICompatReader("127.0.0.1:8000/v1", MODEL, verify=False)


def test_cancel_mid_stream_closes_the_connection(stub):
    stub.chunk_delay_s = 0.05
    reader = OpenAICompatReader(stub.url, MODEL)
    polls = []

    def stop_on_third_line():
        polls.append(1)
        return len(polls) >= 3

    started = time.monotonic()
    with pytest.raises(ReadCancelledError, match="while the model server was answering"):
        reader.read(_pages(), ReadHints(should_stop=stop_on_third_line))
    assert time.monotonic() - started < len(stub.chunks) * stub.chunk_delay_s


def test_silent_server_times_out(stub):
    stub.chunk_delay_s = 1.5
    reader = OpenAICompatReader(stub.url, MODEL, timeout_s=0.5)
    with pytest.raises(ReaderError, match="0.5 s"):
        reader.read(_pages(), ReadHints())


def test_garbage_stream_is_a_reader_error(stub):
    stub.chunks = ['{"units":"mm"']
    stub.finish = "stop"
    with pytest.raises(ModelOutputError, match="not a valid reading"):
        OpenAICompatReader(stub.url, MODEL).read(_pages(), ReadHints())


def test_factory_builds_the_endpoint_reader(stub, monkeypatch):
    from daemon.model import API_KEY_ENV, make_model_reader

    monkeypatch.setenv(API_KEY_ENV, "from-env")
    reader = make_model_reader(model=MODEL, endpoint=stub.url, max_new_tokens=99,
                               image_token_budget=1024, offline=True)
    assert isinstance(reader, OpenAICompatReader) and reader.max_new_tokens == 99
    reader.read(_pages(), ReadHints())
    assert stub.requests[-1][2]["Authorization"] == "Bearer from-env"
