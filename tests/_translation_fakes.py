"""Small local stand-ins for the HTTP engines' APIs, for tests and offline demos.

Each server listens on 127.0.0.1 (ephemeral port) in a thread, records every request and can be
told to answer the next requests with an error or a delay before behaving normally again.
"""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from quangba.translation.engines.base import Engine
from quangba.translation.errors import TranslationError


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class Scripted:
    """One canned answer: an HTTP status with a body and headers, after ``delay`` seconds."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def mark(text: str, target: str) -> str:
    """The fake "translation": the text tagged with the target language, tags left intact."""
    return f"[{target}] {text}"


class FakeServer:
    """A JSON HTTP server whose normal behaviour is ``respond(method, path, body) -> (status, body)``."""

    def __init__(self, respond: Callable[[str, str, Any], tuple[int, Any]]):
        self.respond = respond
        self.requests: list[Recorded] = []
        self.script: list[Scripted] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                server.requests.append(Recorded(self.command, self.path, dict(self.headers), body))
                scripted = server.script.pop(0) if server.script else None
                if scripted and scripted.delay:
                    time.sleep(scripted.delay)
                if scripted and (scripted.status != 200 or scripted.body is not None):
                    status, payload, headers = scripted.status, scripted.body, scripted.headers
                else:
                    (status, payload), headers = server.respond(self.command, self.path, body), {}
                data = json.dumps(payload if payload is not None else {"error": "scripted"}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            do_GET = do_POST = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def then(self, status: int = 200, body: Any = None, headers: dict[str, str] | None = None,
             delay: float = 0.0) -> FakeServer:
        """Queue one canned answer for the next request."""
        self.script.append(Scripted(status, body, headers or {}, delay))
        return self


def libretranslate(method: str, path: str, body: Any) -> tuple[int, Any]:
    """LibreTranslate's ``/translate`` and ``/languages``."""
    if path.startswith("/languages"):
        return 200, [{"code": "vi", "name": "Vietnamese", "targets": ["en", "vi"]},
                     {"code": "en", "name": "English", "targets": ["es", "vi", "en"]}]
    if path.startswith("/translate"):
        q = body.get("q")
        if body.get("source") == body.get("target"):
            return 400, {"error": f"{body['source']} is not a valid target for {body['source']}"}
        texts = q if isinstance(q, list) else [q]
        out = [mark(t, body["target"]) for t in texts]
        return 200, {"translatedText": out if isinstance(q, list) else out[0]}
    return 404, {"error": "Not Found"}


def openai_chat(method: str, path: str, body: Any) -> tuple[int, Any]:
    """``/v1/chat/completions``: echoes the user message tagged with the prompt's target."""
    if not path.endswith("/chat/completions"):
        return 404, {"error": {"message": "not found"}}
    system, user = body["messages"][0]["content"], body["messages"][-1]["content"]
    target = "en" if "to English" in system else "xx"
    return 200, {"id": "x", "object": "chat.completion", "model": body.get("model"),
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": mark(user, target)}}]}


def deepl(method: str, path: str, body: Any) -> tuple[int, Any]:
    """DeepL ``/v2/translate``, ``/v2/glossaries`` and ``/v2/languages``."""
    if path.startswith("/v2/glossaries"):
        return 201, {"glossary_id": "g-" + str(abs(hash(body["entries"])) % 10_000),
                     "entry_count": len(body["entries"].splitlines())}
    if path.startswith("/v2/languages"):
        return 200, [{"language": "EN-US", "name": "English"}, {"language": "VI", "name": "Vietnamese"}]
    if path.startswith("/v2/translate"):
        return 200, {"translations": [{"detected_source_language": body.get("source_lang", "VI"),
                                       "text": mark(t, body["target_lang"].lower())} for t in body["text"]]}
    return 404, {"message": "not found"}


def google(method: str, path: str, body: Any) -> tuple[int, Any]:
    """Cloud Translation v3 ``:translateText`` and ``/supportedLanguages``."""
    if path.endswith("/supportedLanguages"):
        return 200, {"supportedLanguages": [{"languageCode": c, "supportSource": True, "supportTarget": True}
                                            for c in ("vi", "en", "es")]}
    if path.endswith(":translateText"):
        target = body["targetLanguageCode"]
        answer = {"translations": [{"translatedText": mark(t, target)} for t in body["contents"]]}
        if "glossaryConfig" in body:
            answer["glossaryTranslations"] = [{"translatedText": mark(t, target + "+g"),
                                               "glossaryConfig": body["glossaryConfig"]}
                                              for t in body["contents"]]
        return 200, answer
    return 404, {"error": {"code": 404, "message": "not found", "status": "NOT_FOUND"}}


class RecordingEngine(Engine):
    """An in-process engine: replaces known phrases (longest first) and records every call.

    ``fail`` holds errors to raise on the next calls, for retry and fallback tests.
    """

    def __init__(self, alias: str = "recording", options: dict | None = None,
                 phrases: dict[str, str] | None = None, pairs: set[tuple[str, str]] | None = None):
        super().__init__(alias, options)
        self.phrases = dict(sorted((phrases or {}).items(), key=lambda kv: -len(kv[0])))
        self.pairs = pairs
        self.calls: list[list[str]] = []
        self.fail: list[TranslationError] = []

    def translate(self, segments, source, target, *, html=False, glossary=None):
        self.calls.append(list(segments))
        if self.fail:
            raise self.fail.pop(0)
        out = []
        for text in segments:
            for phrase, replacement in self.phrases.items():
                text = text.replace(phrase, replacement)
            out.append(text)
        return out

    def languages(self):
        return self.pairs or set()

    @property
    def segments_seen(self) -> int:
        return sum(map(len, self.calls))
