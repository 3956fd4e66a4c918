"""A tiny scripted HTTP server on 127.0.0.1 for tests: each path answers what the test says."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedServer:
    """routes: path → (status, headers dict, body) or a callable(handler) -> that tuple. A body of
    bytes goes with its Content-Length; any other iterable of bytes is sent chunk by chunk with
    Transfer-Encoding: chunked (a generator may sleep between chunks: a trickling server)."""

    def __init__(self, routes: dict):
        self.routes = routes
        self.requests: list[tuple[str, dict]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    status, headers, body = 404, {}, b"not found"
                else:
                    status, headers, body = route(self) if callable(route) else route
                if not isinstance(body, bytes):  # an iterable of chunks: real chunked encoding, as it comes
                    self.protocol_version = "HTTP/1.1"
                    self.send_response(status)
                    for key, value in {**headers, "Transfer-Encoding": "chunked", "Connection": "close"}.items():
                        self.send_header(key, value)
                    self.end_headers()
                    try:
                        for chunk in body:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                            self.wfile.flush()
                        self.wfile.write(b"0\r\n\r\n")
                    except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
                        pass
                    return
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
