"""A small WebSub hub on loopback for the demo outlets (standard library only): subscribers ask
with a form POST, the hub verifies their intent with a GET carrying a challenge, and `publish`
POSTs the topic's new content to every verified subscriber, signed with its secret
(X-Hub-Signature: sha256=…). What a real hub (WebSub.Rocks, Superfeedr, a CMS plug-in) does,
without queues or retries."""
import hashlib
import hmac
import secrets
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

MAX_LEASE = 30 * 24 * 3600


def _call(request: urllib.request.Request) -> tuple[int, bytes]:
    """(status, first KB of the body) of a request to a subscriber (0: no answer); a server error
    or a refused connection is tried again three times, as hubs do."""
    for pause in (0.2, 0.5, 1.0, None):
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                status, body = answer.status, answer.read(1000)
        except urllib.error.HTTPError as exc:
            status, body = exc.code, b""
        except (urllib.error.URLError, OSError):
            status, body = 0, b""
        if pause is None or (status and status < 500):
            return status, body
        time.sleep(pause)
    return status, body


class Hub:
    """Start it, point feeds at `url`, call `publish(topic, body, content_type)`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.subscribers: dict[str, dict[str, tuple[str, float]]] = {}  # topic → callback → (secret, until)
        self.log: list[tuple[str, str, int]] = []  # (event, callback, status) for tests and the demo
        self.lock = threading.Lock()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(min(length, 65536)).decode("utf-8", "replace")).items()}
                problem = hub._check(form)
                self.send_response(400 if problem else 202)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                body = (problem or "accepted").encode()
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if not problem:
                    threading.Thread(target=hub._verify, args=(form,), daemon=True).start()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                       name="demo-hub", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> "Hub":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @staticmethod
    def _check(form: dict) -> str:
        if form.get("hub.mode") not in ("subscribe", "unsubscribe"):
            return "hub.mode must be subscribe or unsubscribe"
        for name in ("hub.topic", "hub.callback"):
            if urlsplit(form.get(name, "")).scheme not in ("http", "https"):
                return f"{name} must be an http(s) URL"
        if len(form.get("hub.secret", "")) > 199:
            return "hub.secret is too long"
        return ""

    def _verify(self, form: dict) -> None:
        """Ask the subscriber whether it meant it (the challenge must come back as it went); a
        server error or a refused connection is tried again three times."""
        mode, topic, callback = form["hub.mode"], form["hub.topic"], form["hub.callback"]
        lease = min(int(form["hub.lease_seconds"]) if form.get("hub.lease_seconds", "").isdigit() else 864000, MAX_LEASE)
        challenge = secrets.token_urlsafe(24)
        query = urlencode({"hub.mode": mode, "hub.topic": topic, "hub.challenge": challenge, "hub.lease_seconds": lease})
        status, answer = _call(urllib.request.Request(callback + ("&" if "?" in callback else "?") + query))
        confirmed = status == 200 and answer.decode("utf-8", "replace") == challenge
        with self.lock:
            self.log.append((f"verify {mode}", callback, status))
            if confirmed and mode == "subscribe":
                self.subscribers.setdefault(topic, {})[callback] = (form.get("hub.secret", ""), time.time() + lease)
            elif confirmed:
                self.subscribers.get(topic, {}).pop(callback, None)

    def subscribed(self, topic: str) -> list[str]:
        with self.lock:
            return [cb for cb, (_s, until) in self.subscribers.get(topic, {}).items() if until > time.time()]

    def publish(self, topic: str, body: bytes, content_type: str) -> list[tuple[str, int]]:
        """Deliver `body` to the topic's subscribers now (a server error or a refused connection is
        tried again three times); returns (callback, status) for each."""
        with self.lock:
            targets = [(cb, secret) for cb, (secret, until) in self.subscribers.get(topic, {}).items() if until > time.time()]
        results = []
        for callback, secret in targets:
            headers = {"Content-Type": content_type, "Link": f'<{self.url}>; rel="hub", <{topic}>; rel="self"'}
            if secret:
                headers["X-Hub-Signature"] = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            status, _answer = _call(urllib.request.Request(callback, data=body, headers=headers, method="POST"))
            results.append((callback, status))
            with self.lock:
                self.log.append(("deliver", callback, status))
        return results
