"""Serving benchmark: home, section, article and search pages under load, side by side with
nginx serving the same article HTML as a plain static file, in one run.

    .venv/bin/python bench/serve.py [--duration 5] [--connections 32]

Needs Debian's nginx and wrk (apt-get install nginx-light wrk). It builds a throw-away site with
the demo's sample partners (`quangba demo --no-serve` into a temp directory), bakes it, then runs:

* nginx static   — nginx, one worker, serving one baked article page as a file: the ceiling;
* nginx → baked  — the production layout: nginx `try_files` on the baked pages, Django (granian)
                   behind it for everything else (search);
* granian        — the embedded layout (`quangba serve`): granian, the ASGI front, BakedPagesMiddleware;
* granian, views — the same without baked pages (QUANGBA_BAKE=0): Django renders every request.
Each row gives req/s, p50 and p99 latency, and req/s as a share of nginx static.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def wrk(url: str, duration: int, connections: int) -> dict:
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(pct: str) -> float:
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency("50"), "p99": latency("99"), "errors": int(errors.group(1)) if errors else 0}


NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type text/html;
    server {{
        listen 127.0.0.1:{static_port};
        root {tmp}/static-copy;
    }}
    server {{
        listen 127.0.0.1:{front_port};
        root {baked};
        location /static/ {{ alias {static_root}/; }}
        location / {{ try_files $uri/index.html @django; }}
        location @django {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host 127.0.0.1;
        }}
    }}
}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    options = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is needed: apt-get install nginx-light wrk")
    tmp = Path(tempfile.mkdtemp(prefix="quangba-serve-"))
    os.chmod(tmp, 0o755)
    env = {**os.environ, "QUANGBA_VAR_DIR": str(tmp / "var"), "QUANGBA_LOG_LEVEL": "ERROR"}
    procs: list[subprocess.Popen] = []
    try:
        print("building the sample site…", file=sys.stderr)
        subprocess.run([BIN / "quangba", "demo", "--no-serve", "--partner-port", "0"],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([BIN / "quangba", "bake"], env=env, check=True, stdout=subprocess.DEVNULL)
        baked = tmp / "var" / "baked"
        article_file = next(baked.glob("vi/article/*/index.html"))
        article_path = "/" + str(article_file.parent.relative_to(baked)) + "/"
        section_path = next(f"/vi/{p.name}/" for p in sorted((baked / "vi").iterdir())
                            if p.name != "article" and (p / "index.html").exists())
        (tmp / "static-copy").mkdir()
        shutil.copy(article_file, tmp / "static-copy" / "article.html")
        os.system(f"chmod -R a+rX {tmp}")

        ports = {name: free_port() for name in ("app", "app_views", "static", "front")}
        def granian(port):  # the embedded server, as `quangba serve` starts it
            return [str(BIN / "quangba"), "serve", "--addr", f"127.0.0.1:{port}"]

        procs.append(subprocess.Popen(granian(ports["app"]), env=env, cwd=ROOT))
        procs.append(subprocess.Popen(granian(ports["app_views"]), env={**env, "QUANGBA_BAKE": "0"}, cwd=ROOT))
        conf = tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, baked=baked, static_root=tmp / "var" / "static",
                                          static_port=ports["static"], front_port=ports["front"],
                                          app_port=ports["app"]))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        procs.append(subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"]))
        for port in ports.values():
            wait_for(f"http://127.0.0.1:{port}/" + ("article.html" if port == ports["static"] else "vi/"))

        search = "/vi/search/?q=ha+noi"
        rows = [("nginx static (same article HTML)", ports["static"], "/article.html")]
        for label, path in (("home", "/vi/"), ("section", section_path), ("article", article_path)):
            rows.append((f"nginx → baked · {label}", ports["front"], path))
        for label, path in (("home", "/vi/"), ("article", article_path)):
            rows.append((f"granian + baked · {label}", ports["app"], path))
        for label, path in (("home", "/vi/"), ("article", article_path)):
            rows.append((f"granian, views only · {label}", ports["app_views"], path))
        # Dynamic pages last: a slow row's backlog must not spill into the next measurement.
        rows.append(("nginx → granian · search", ports["front"], search))

        results = []
        for label, port, path in rows:
            time.sleep(1)
            results.append((label, wrk(f"http://127.0.0.1:{port}{path}", options.duration, options.connections)))
        ceiling = results[0][1]["rps"]
        print(f"\nwrk -t1 -c{options.connections} -d{options.duration}s, one nginx worker, one granian worker, "
              f"article page {article_file.stat().st_size // 1024} KB\n")
        print(f"| {'server · page':<34} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'vs nginx':>8} |")
        print(f"|{'-' * 36}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 10}|")
        for label, r in results:
            flag = f" ({r['errors']} non-2xx)" if r["errors"] else ""
            print(f"| {label:<34} | {r['rps']:>8.0f} | {r['p50']:>7.2f} | {r['p99']:>7.2f} | "
                  f"{r['rps'] / ceiling:>7.0%} |{flag}")
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
