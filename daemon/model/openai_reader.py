"""A reader that asks an OpenAI-compatible server (vLLM or SGLang serving Qwen3-VL).

For teams that outgrow one GPU: the daemon stays the front door (validation, builder, library)
and the model runs on a GPU server. Same prompts, same grammar schema (sent as
`response_format: json_schema`, which vLLM and SGLang enforce with their own grammar
backends), same validation. Standard library only; the answer is streamed so a cancel closes
the connection between tokens (vLLM aborts a request whose client went away).
"""

import base64
import io
import json
import logging
import socket
import time
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional, Tuple

from daemon.model.grammar import grammar_schema
from daemon.model.output import parse_reading
from daemon.model.prompts import build_messages
from daemon.model.runner import DEFAULT_MAX_NEW_TOKENS
from daemon.readers.base import PageImage, ReadCancelledError, Reader, ReaderError, ReadHints

log = logging.getLogger(__name__)


def image_data_url(image) -> str:
    """A PIL image as a PNG data URL (lossless: thin drawing lines and small digits matter)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def to_openai_messages(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Our chat messages (PIL images inline) -> OpenAI chat messages (images as data URLs)."""
    converted = []
    for message in messages:
        content = []
        for item in message["content"]:
            if item["type"] == "image":
                content.append({"type": "image_url",
                                "image_url": {"url": image_data_url(item["image"])}})
            else:
                content.append({"type": "text", "text": item["text"]})
        converted.append({"role": message["role"], "content": content})
    return converted


class OpenAICompatReader(Reader):
    """Chat-completions client for a Qwen3-VL server; `base_url` ends in /v1."""

    name = "openai"

    def __init__(self, base_url: str, model: str, api_key: Optional[str] = None,
                 max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, timeout_s: float = 300.0,
                 verify: bool = True):
        if not base_url.startswith(("http://", "https://")):
            raise ReaderError(f"model server URL must start with http:// or https://: {base_url}")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.max_new_tokens = max_new_tokens
        self.timeout_s = timeout_s
        self.schema = grammar_schema()
        if verify:
            self.check()

    # -- HTTP ------------------------------------------------------------------------------

    def _request(self, path: str, body: Optional[dict] = None):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers,
                                         method="POST" if body is not None else "GET")
        try:
            return urllib.request.urlopen(request, timeout=self.timeout_s)
        except urllib.error.HTTPError as exc:
            raise ReaderError(f"model server {self.base_url} answered HTTP {exc.code}: "
                              f"{_error_text(exc)}") from exc
        except urllib.error.URLError as exc:
            raise ReaderError(f"cannot reach the model server at {self.base_url}: "
                              f"{exc.reason}; is vLLM/SGLang running there?") from exc
        except (socket.timeout, TimeoutError) as exc:
            raise ReaderError(f"model server {self.base_url} did not answer within "
                              f"{self.timeout_s:g} s") from exc

    def check(self) -> List[str]:
        """The served model names; fails when the server is down or serves another model."""
        with self._request("/models") as response:
            listing = _json_or_error(response.read(), self.base_url)
        served = [m.get("id", "") for m in listing.get("data", []) if isinstance(m, dict)]
        if served and self.model not in served:
            raise ReaderError(f"model server {self.base_url} serves {served}, not "
                              f"{self.model!r}; pass one of those as the model name")
        return served

    # -- Reader ----------------------------------------------------------------------------

    def request_body(self, pages: List[PageImage], hints: ReadHints) -> Dict[str, Any]:
        return {
            "model": self.model,
            "messages": to_openai_messages(build_messages(pages, hints)),
            "max_tokens": self.max_new_tokens,
            # Greedy and unpenalised, whatever defaults the server takes from the checkpoint.
            "temperature": 0.0, "top_p": 1.0, "presence_penalty": 0.0, "frequency_penalty": 0.0,
            "stream": True,
            "response_format": {"type": "json_schema", "json_schema": {
                "name": "DatasheetReading", "schema": self.schema, "strict": True}},
        }

    def read(self, pages: List[PageImage], hints: ReadHints):
        if not pages:
            raise ReaderError("no page images to read")
        if hints.should_stop():
            raise ReadCancelledError("cancelled before the request was sent")
        started = time.perf_counter()
        with self._request("/chat/completions", self.request_body(pages, hints)) as response:
            text, finish = self._collect(response, hints)
        log.info("model server answered in %.2f s (finish_reason %s, %d chars)",
                 time.perf_counter() - started, finish, len(text))
        return parse_reading(text, truncated=finish == "length",
                             max_new_tokens=self.max_new_tokens)

    def _collect(self, response, hints: ReadHints) -> Tuple[str, Optional[str]]:
        """Read the server-sent events; a cancel closes the connection between chunks."""
        parts: List[str] = []
        finish: Optional[str] = None
        deadline = time.monotonic() + self.timeout_s
        try:
            for raw_line in response:
                if hints.should_stop():
                    response.close()
                    raise ReadCancelledError("cancelled while the model server was answering")
                if time.monotonic() > deadline:
                    response.close()
                    raise ReaderError(f"model server {self.base_url} took longer than "
                                      f"{self.timeout_s:g} s to answer")
                line = raw_line.decode("utf-8", "replace").strip()
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    break
                chunk = _json_or_error(payload.encode("utf-8"), self.base_url)
                if "error" in chunk:
                    raise ReaderError(f"model server error: {chunk['error']}")
                for choice in chunk.get("choices", []):
                    delta = choice.get("delta") or {}
                    parts.append(delta.get("content") or "")
                    finish = choice.get("finish_reason") or finish
        except (socket.timeout, TimeoutError) as exc:
            raise ReaderError(f"model server {self.base_url} stopped sending for "
                              f"{self.timeout_s:g} s") from exc
        return "".join(parts), finish

    def info(self) -> Dict[str, Any]:
        return {"reader": self.name, "base_url": self.base_url, "model": self.model,
                "max_new_tokens": self.max_new_tokens, "timeout_s": self.timeout_s}


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except Exception:  # the body is a courtesy; the status code already says enough
        return exc.reason or ""
    try:
        detail = json.loads(body)
        error = detail.get("error", detail)
        return str(error.get("message", error) if isinstance(error, dict) else error)[:500]
    except ValueError:
        return body[:500]


def _json_or_error(data: bytes, where: str) -> Dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError as exc:
        raise ReaderError(f"model server {where} sent something that is not JSON: "
                          f"{data[:200]!r}") from exc
    if not isinstance(value, dict):
        raise ReaderError(f"model server {where} sent unexpected JSON: {data[:200]!r}")
    return value
