"""The guarded HTTP client: every refusal proven against servers on 127.0.0.1 only."""
import gzip

import httpx
import pytest

from _servers import ScriptedServer
from quangba.core.errors import FetchError, FetchRefused
from quangba.core.http import GuardedClient, is_public_address, parse_retry_after, system_resolver

HTML = (200, {"Content-Type": "text/html; charset=utf-8"}, "<html><p>Xin chào Hà Nội</p></html>".encode())


def client(**options) -> GuardedClient:
    options.setdefault("politeness", 0)
    return GuardedClient(**options)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "::1", "::",
    "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1", "240.0.0.1", "100.64.0.1",
])
def test_non_public_addresses(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses(address):
    assert is_public_address(address)


@pytest.mark.parametrize("url", [
    "http://localhost/", "http://127.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f000001/",
    "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://10.0.0.8/x",
])
def test_loopback_and_private_refused_in_every_spelling(url):
    with client() as c, pytest.raises(FetchRefused, match="non-public address"):
        c.get(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://x/", "javascript:alert(1)"])
def test_other_schemes_refused(url):
    with client() as c, pytest.raises(FetchRefused):
        c.get(url)


def test_fetches_loopback_when_allowed():
    with ScriptedServer({"/": HTML}) as server, client(allow_private=True) as c:
        response = c.get(server.url + "/")
    assert response.status == 200 and "Hà Nội" in response.text


def test_connects_to_the_vetted_address_with_the_original_host_header():
    """The name is resolved once, by the guard; the connection goes to that address."""
    with ScriptedServer({"/": HTML}) as server:
        port = server.httpd.server_address[1]
        resolved = []

        def resolver(host, port_):
            resolved.append(host)
            return ["127.0.0.1"]

        with client(allow_private=True, resolver=resolver) as c:
            c.get(f"http://news.example:{port}/")
    assert "news.example" in resolved
    assert server.requests[-1][1]["Host"] == f"news.example:{port}"


PUBLIC_LOOKING = "93.184.216.34"  # what the injected resolver answers for news.example


class LoopbackTransport(httpx.HTTPTransport):
    """Delivers connections meant for PUBLIC_LOOKING to the test's loopback server instead, so
    no packet leaves the machine while the guard believes it talks to a public host."""

    def handle_request(self, request):
        if request.url.host == PUBLIC_LOOKING:
            request.url = request.url.copy_with(host="127.0.0.1")
        return super().handle_request(request)


def public_name_resolver(host, port):
    return [PUBLIC_LOOKING] if host == "news.example" else system_resolver(host, port)


def test_a_public_name_in_front_of_the_loopback_server_is_fetched():
    with ScriptedServer({"/": HTML}) as server:
        port = server.httpd.server_address[1]
        with client(resolver=public_name_resolver, transport=LoopbackTransport()) as guard:
            response = guard.get(f"http://news.example:{port}/", check_robots=False)
    assert response.status == 200 and server.requests[-1][1]["Host"] == f"news.example:{port}"


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/secret", "http://localhost:{port}/secret",
                                    "http://[::1]:{port}/secret", "http://2130706433:{port}/secret"])
def test_redirect_to_loopback_from_a_public_name_is_refused(target):
    """The page's host is public (by the injected resolver); its redirect into loopback is refused at the hop."""
    routes = {"/go": (302, {"Location": ""}, b""), "/secret": HTML}
    with ScriptedServer(routes) as server:
        port = server.httpd.server_address[1]
        server.routes["/go"] = (302, {"Location": target.format(port=port)}, b"")
        with client(resolver=public_name_resolver, transport=LoopbackTransport()) as guard, \
                pytest.raises(FetchRefused, match="non-public"):
            guard.get(f"http://news.example:{port}/go", check_robots=False)
        assert [path for path, _headers in server.requests] == ["/go"]  # /secret was never asked for


def test_redirect_cap():
    routes = {f"/r{n}": (302, {"Location": f"/r{n + 1}"}, b"") for n in range(10)}
    with ScriptedServer(routes) as server, client(allow_private=True, max_redirects=3) as c:
        with pytest.raises(FetchRefused, match="redirects"):
            c.get(server.url + "/r0")


def test_redirects_followed_within_cap():
    routes = {"/a": (301, {"Location": "/b"}, b""), "/b": HTML}
    with ScriptedServer(routes) as server, client(allow_private=True) as c:
        response = c.get(server.url + "/a")
    assert response.url.endswith("/b") and response.redirects == [server.url + "/a"]


def test_size_cap_declared_and_streamed():
    """Over the cap with a Content-Length, refused before reading; chunked with no length, refused
    as the bytes come; a chunked body under the cap arrives whole."""
    big = b"x" * 50_000
    routes = {"/declared": (200, {}, big),
              "/chunked-big": lambda handler: (200, {}, (big[i:i + 1000] for i in range(0, len(big), 1000))),
              "/chunked-small": lambda handler: (200, {}, iter([b"<p>", b"x" * 5000, b"</p>"]))}
    with ScriptedServer(routes) as server, client(allow_private=True, max_bytes=10_000) as c:
        with pytest.raises(FetchRefused, match="cap"):
            c.get(server.url + "/declared")
        with pytest.raises(FetchRefused, match="cap"):
            c.get(server.url + "/chunked-big")
        small = c.get(server.url + "/chunked-small")
    assert small.status == 200 and small.content == b"<p>" + b"x" * 5000 + b"</p>"
    assert small.headers.get("transfer-encoding") == "chunked" and "content-length" not in small.headers


def test_a_trickling_server_is_cut_at_the_total_time_limit():
    """A server that sends a few bytes every 0.2 s never trips the read timeout; the
    total limit stops it, and says so."""
    import time

    def trickle():
        for _ in range(50):  # 10 s: without the limit the fetch would end, whole, long after it
            time.sleep(0.2)
            yield b"<p>"

    routes = {"/slow": lambda handler: (200, {"Content-Type": "text/html"}, trickle())}
    with ScriptedServer(routes) as server, client(allow_private=True, read_timeout=5, total_timeout=1.5) as c:
        started = time.monotonic()
        with pytest.raises(FetchError, match="total time limit"):
            c.get(server.url + "/slow")
        assert time.monotonic() - started < 4


def test_gzip_bomb_stopped_by_the_decompressed_cap():
    bomb = gzip.compress(b"\0" * 5_000_000)
    routes = {"/bomb": (200, {"Content-Encoding": "gzip", "Content-Type": "text/html"}, bomb)}
    with ScriptedServer(routes) as server, client(allow_private=True, max_bytes=1_000_000) as c:
        assert len(bomb) < 1_000_000
        with pytest.raises(FetchRefused, match="cap"):
            c.get(server.url + "/bomb")


def test_robots_txt_is_honoured():
    routes = {"/robots.txt": (200, {}, b"User-agent: *\nDisallow: /private/\n"),
              "/private/page": HTML, "/public": HTML}
    with ScriptedServer(routes) as server, client(allow_private=True) as c:
        assert c.get(server.url + "/public").status == 200
        with pytest.raises(FetchRefused, match="robots.txt"):
            c.get(server.url + "/private/page")


def test_http_errors_are_typed_with_retry_after():
    routes = {"/busy": (429, {"Retry-After": "120"}, b""), "/gone": (404, {}, b""), "/down": (503, {}, b"")}
    with ScriptedServer(routes) as server, client(allow_private=True) as c:
        with pytest.raises(FetchError) as busy:
            c.get(server.url + "/busy")
        assert busy.value.transient and busy.value.retry_after == 120
        with pytest.raises(FetchError) as gone:
            c.get(server.url + "/gone")
        assert not gone.value.transient and gone.value.status == 404
        with pytest.raises(FetchError) as down:
            c.get(server.url + "/down")
        assert down.value.transient


def test_conditional_get_304_is_returned():
    routes = {"/feed": (304, {"ETag": '"abc"'}, b"")}
    with ScriptedServer(routes) as server, client(allow_private=True) as c:
        response = c.get(server.url + "/feed", headers={"If-None-Match": '"abc"'})
    assert response.status == 304
    assert server.requests[-1][1]["If-None-Match"] == '"abc"'


def test_parse_retry_after():
    assert parse_retry_after("30") == 30
    assert parse_retry_after(None) is None
    assert parse_retry_after("not a date") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
