"""Slow clients cannot freeze the embedded server: sixteen connections trickling a request body a
byte at a time hold no reader's page past a second; a body too slow gets 408, one too large 413."""
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from quangba.web.front import granian_command

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SLOW_CLIENTS = 16
# With a CSRF cookie Django's CSRF check reads the form body before it can say anything.
COOKIE = b"Cookie: csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF\r\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, raw: bytes, timeout: float = 10) -> tuple[int, float]:
    """(status, seconds) of one request sent whole."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        head = b""
        while b"\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
    return int(head.split(b" ", 2)[1]), time.monotonic() - started


def get(port: int, path: str = "/vi/") -> tuple[int, float]:
    return request(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    env = {**os.environ, "QUANGBA_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
           "QUANGBA_BODY_TIMEOUT": "3", "QUANGBA_LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)}
    (var / "static").mkdir()
    subprocess.run([sys.executable, "-m", "quangba", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    port = free_port()
    proc = subprocess.Popen(granian_command(f"127.0.0.1:{port}"), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            if get(port)[0] == 200:
                break
        except OSError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()[-2000:]
        time.sleep(0.2)
    yield port
    proc.terminate()
    proc.wait(timeout=15)


def trickle(port: int, stop: threading.Event, opened: list) -> None:
    """A POST announcing 100,000 bytes and sending one a second."""
    sock = socket.create_connection(("127.0.0.1", port))
    opened.append(sock)
    sock.sendall(b"POST /vi/article/1/comment/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + COOKIE +
                 b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n")
    while not stop.wait(1.0):
        try:
            sock.sendall(b"a")
        except OSError:
            return


def test_sixteen_slow_bodies_hold_no_readers_page(server):
    stop, opened = threading.Event(), []
    threads = [threading.Thread(target=trickle, args=(server, stop, opened), daemon=True) for _ in range(SLOW_CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.0)
        assert len(opened) == SLOW_CLIENTS
        times = []
        for path in ("/vi/", "/en/", "/vi/search/?q=ha+noi", "/vi/local/", "/robots.txt") * 2:
            status, seconds = get(server, path)
            assert status == 200, path
            times.append(seconds)
        assert max(times) < 1.0, times
    finally:
        stop.set()
        for sock in opened:
            sock.close()


def test_a_body_slower_than_the_limit_gets_408(server):
    started = time.monotonic()
    status, _seconds = request(server, b"POST /vi/article/1/comment/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + COOKIE +
                               b"Content-Type: application/x-www-form-urlencoded\r\n"
                               b"Content-Length: 100\r\n\r\nname=a", timeout=20)
    assert status == 408 and 2.5 < time.monotonic() - started < 10


def test_a_body_over_the_cap_gets_413_at_once(server):
    status, seconds = request(server, b"POST /vi/article/1/comment/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + COOKIE +
                              b"Content-Type: application/x-www-form-urlencoded\r\n"
                              b"Content-Length: 50000000\r\n\r\n")
    assert status == 413 and seconds < 2
