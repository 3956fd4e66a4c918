"""The `quangba` command: Django's commands and ours, with the settings preset."""
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from _servers import ScriptedServer
from test_ingest import PAGE

ROUTES = {"/robots.txt": (404, {}, b"")}


def page_server():
    server = ScriptedServer(dict(ROUTES))
    server.routes["/a.html"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                PAGE.replace("{base}", "http://news.example").encode())
    return server


@pytest.mark.parametrize("spelling", ["127.0.0.1", "localhost", "127.1", "2130706433", "0x7f000001", "[::1]",
                                      "[::ffff:127.0.0.1]"])
def test_fetch_refuses_loopback_without_allow_private(spelling):
    with page_server() as server:
        port = server.httpd.server_address[1]
        with pytest.raises(CommandError, match="refused: .*non-public address"):
            call_command("fetch", f"http://{spelling}:{port}/a.html")


def test_fetch_with_allow_private_prints_the_article(capsys):
    with page_server() as server:
        call_command("fetch", server.url + "/a.html", "--allow-private", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Khai mạc Festival Huế 2026"
    assert data["canonical_url"] == "http://news.example/van-hoa/khai-mac-festival-hue-2026.html"
    assert data["images"][0]["credit"].startswith("Minh Anh")


def test_console_script_exits_non_zero_with_a_clear_message(tmp_path):
    env = {**os.environ, "QUANGBA_VAR_DIR": str(tmp_path)}
    with page_server() as server:
        refused = subprocess.run([sys.executable, "-m", "quangba", "fetch", server.url + "/a.html"],
                                 capture_output=True, text=True, env=env, timeout=60)
        fetched = subprocess.run([sys.executable, "-m", "quangba", "fetch", server.url + "/a.html",
                                  "--allow-private"], capture_output=True, text=True, env=env, timeout=60)
    assert refused.returncode != 0
    assert "refused" in refused.stderr and "non-public address" in refused.stderr
    assert fetched.returncode == 0, fetched.stderr
    assert "Title:      Khai mạc Festival Huế 2026" in fetched.stdout


def test_our_commands_run_through_the_console_entry(tmp_path):
    env = {**os.environ, "QUANGBA_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "quangba", "help", "worker"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0 and "scheduler" in result.stdout


def test_demo_stopped_by_a_signal_takes_its_web_server_with_it(tmp_path):
    """`kill` of `quangba demo` (a closed terminal, a process manager) left its granian server
    running and bound to the port, serving the old code to the next demo on that port."""
    import signal
    import socket
    import time

    from test_slow_clients import free_port

    port = free_port()
    env = {**os.environ, "QUANGBA_VAR_DIR": str(tmp_path)}
    errors = tmp_path / "demo-stderr.txt"
    demo = subprocess.Popen([sys.executable, "-m", "quangba", "demo", "--addr", f"127.0.0.1:{port}",
                             "--partner-port", "0"], env=env, stdout=subprocess.DEVNULL,
                            stderr=errors.open("wb"), start_new_session=True)

    def answering() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 300
        while not answering():
            assert demo.poll() is None, f"the demo exited before serving:\n{errors.read_text(errors='replace')[-3000:]}"
            assert time.monotonic() < deadline, "the demo did not serve within 5 minutes"
            time.sleep(1)
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30)
        deadline = time.monotonic() + 15
        while answering() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not answering(), "the web server outlived the demo"
    finally:
        os.killpg(demo.pid, signal.SIGKILL) if demo.poll() is None else None
        try:
            os.killpg(demo.pid, signal.SIGKILL)  # whatever it started, in its own session
        except ProcessLookupError:
            pass
