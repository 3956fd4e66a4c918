"""The embedded web server: granian serving an ASGI front around Django's WSGI application.

In production nginx buffers request bodies (client_body_timeout, client_max_body_size) before
Django sees them. The embedded server has no nginx, and under WSGI a client trickling a body
holds one of the server's threads for as long as it likes: a handful froze the whole site. This
front does what nginx does there, in the few lines no library offers for a WSGI application
(asgiref's WsgiToAsgi reads the body, but without a time limit or a size cap, and runs every
request on one shared thread): a body is read in full, asynchronously, within
QUANGBA_BODY_TIMEOUT seconds and QUANGBA_MAX_BODY_BYTES, before a thread is given to Django;
Django then answers in a pool of QUANGBA_WEB_THREADS threads. Slow headers are granian's to
time out (--http1-header-read-timeout)."""
import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path



class BodyTooLarge(Exception):
    pass


class Front:
    """ASGI application: buffered bodies, then the WSGI application in a thread pool."""

    def __init__(self, wsgi_application, *, threads: int, body_timeout: float, max_body: int):
        self.wsgi = wsgi_application
        self.body_timeout, self.max_body = body_timeout, max_body
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="quangba-web")

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            self.pool.shutdown(wait=False)
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            return
        headers = {}
        for name, value in scope.get("headers", []):
            key = name.decode("latin1").lower()
            headers[key] = f"{headers[key]},{value.decode('latin1')}" if key in headers else value.decode("latin1")
        try:
            if int(headers.get("content-length") or 0) > self.max_body:
                raise BodyTooLarge
            body = await asyncio.wait_for(self._body(receive), self.body_timeout)
        except BodyTooLarge:
            return await _plain(send, 413, b"Request body too large.\n")
        except TimeoutError:
            return await _plain(send, 408, b"Request body not received in time.\n")
        except ValueError:
            return await _plain(send, 400, b"Bad Content-Length.\n")
        environ = _environ(scope, headers, body)
        status, response_headers, content = await asyncio.get_running_loop().run_in_executor(
            self.pool, self._call, environ)
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": content})

    async def _body(self, receive) -> bytes:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise TimeoutError
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise BodyTooLarge
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    def _call(self, environ) -> tuple[int, list, bytes]:
        """The WSGI application's whole response (pages are tens of kilobytes)."""
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"], started["headers"] = int(status.split(" ", 1)[0]), headers

        result = self.wsgi(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return started["status"], [(k.lower().encode("latin1"), v.encode("latin1")) for k, v in started["headers"]], \
            content


async def _plain(send, status: int, text: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(text)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": text})


def _environ(scope, headers: dict, body: bytes) -> dict:
    """The WSGI environ of an ASGI HTTP request (PEP 3333: paths as latin-1 strings)."""
    server = scope.get("server") or ("127.0.0.1", 80)
    client = scope.get("client") or ("", 0)
    root = scope.get("root_path", "")
    path = scope["path"][len(root):] if root and scope["path"].startswith(root) else scope["path"]
    environ = {
        "REQUEST_METHOD": scope["method"], "SCRIPT_NAME": root.encode("utf-8").decode("latin1"),
        "PATH_INFO": path.encode("utf-8").decode("latin1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin1"),
        "SERVER_NAME": str(server[0]), "SERVER_PORT": str(server[1]), "REMOTE_ADDR": str(client[0]),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}", "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"), "wsgi.input": BytesIO(body), "wsgi.errors": sys.stderr,
        "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    for name, value in headers.items():
        if name == "content-type":
            environ["CONTENT_TYPE"] = value
        elif name == "content-length":
            environ["CONTENT_LENGTH"] = value
        else:
            environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def granian_command(addr: str, *, workers: int = 1) -> list[str]:
    """The command line of the embedded web server (`quangba serve`, `make demo`): granian with
    the ASGI front, headers read within 10 s. Static files go through Django's WhiteNoise, not
    granian's own static mount: that mount answers PUT and DELETE with 200 and sends none of the
    security headers (nginx serves them in production, with the headers added)."""
    host, _, port = addr.rpartition(":")
    return [str(Path(sys.executable).with_name("granian")), "--interface", "asgi", "--host", host or "127.0.0.1",
            "--port", port, "--workers", str(workers), "--log-level", "warning",
            "--http1-header-read-timeout", "10000", "quangba.asgi:application"]
