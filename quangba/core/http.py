"""The one HTTP client every fetch goes through (feeds, pages, images, each redirect hop).

It refuses non-HTTP schemes and hosts that resolve to private, loopback, link-local, multicast,
reserved or unspecified addresses (unless the outlet is allowed them), connects to the address it
vetted (no DNS-rebinding window), caps redirects, response size (after decompression) and time,
waits politely between requests to one host, and honours robots.txt.
"""
from __future__ import annotations

import email.utils
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import httpx
from protego import Protego

from .errors import FetchError, FetchRefused

Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the host resolves to (getaddrinfo also reads 127.1, 2130706433, 0x7f000001)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}", transient=True) from exc
    return list(dict.fromkeys(info[4][0] for info in infos))


def is_public_address(address: str) -> bool:
    """True when the address is a globally routable unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
        elif ip.teredo is not None:
            ip = ip.teredo[1]
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified or not ip.is_global
    )


@dataclass
class Response:
    """A complete, size-capped response."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def charset(self) -> str | None:
        content_type = self.headers.get("content-type", "")
        for part in content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ")
        return None

    @property
    def text(self) -> str:
        return self.content.decode(self.charset or "utf-8", errors="replace")


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _HostClock:
    """Per-host politeness: the earliest moment the next request to a host may start."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, interval: float) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + interval
        if start > now:
            time.sleep(start - now)


_clock = _HostClock()
_robots_cache: dict[str, tuple[float, Protego | None]] = {}
_robots_lock = threading.Lock()
ROBOTS_TTL = 3600.0


class GuardedClient:
    """Fetches URLs under the guard. One instance per outlet policy; cheap to create."""

    redirect_codes = {301, 302, 303, 307, 308}

    def __init__(self, *, allow_private: bool = False, user_agent: str = "quangba",
                 connect_timeout: float = 5, read_timeout: float = 15, total_timeout: float = 45,
                 max_bytes: int = 8 * 1024 * 1024, max_redirects: int = 5,
                 politeness: float = 1.0, respect_robots: bool = True,
                 resolver: Resolver = system_resolver,
                 transport: httpx.BaseTransport | None = None):
        self.allow_private = allow_private
        self.user_agent = user_agent
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.politeness = politeness
        self.respect_robots = respect_robots
        self.resolver = resolver
        self._client = httpx.Client(
            timeout=httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout,
                                  pool=connect_timeout),
            follow_redirects=False, trust_env=False, transport=transport,
        )

    @classmethod
    def from_settings(cls, *, allow_private: bool = False, **overrides) -> "GuardedClient":
        """A client configured from settings.QUANGBA_FETCH."""
        from django.conf import settings

        conf = settings.QUANGBA_FETCH
        options = dict(
            user_agent=conf["USER_AGENT"], connect_timeout=conf["CONNECT_TIMEOUT"],
            read_timeout=conf["READ_TIMEOUT"], total_timeout=conf["TOTAL_TIMEOUT"],
            max_bytes=conf["MAX_BYTES"], max_redirects=conf["MAX_REDIRECTS"],
            politeness=conf["POLITENESS_SECONDS"],
        )
        options.update(overrides)
        return cls(allow_private=allow_private, **options)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "GuardedClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the guard -------------------------------------------------------------------------
    def vet(self, url: str) -> tuple[httpx.URL, str]:
        """Check scheme and host of `url`; return the parsed URL and the address to connect to."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise FetchRefused(f"not a valid URL: {exc}", url=url) from exc
        if parsed.scheme not in ("http", "https"):
            raise FetchRefused(f"scheme {parsed.scheme!r} is not allowed (http and https only)", url=url)
        host = parsed.host
        if not host:
            raise FetchRefused("URL has no host", url=url)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        addresses = self.resolver(host, port)
        if not addresses:
            raise FetchError(f"host {host!r} resolved to no address", url=url)
        if not self.allow_private:
            bad = [a for a in addresses if not is_public_address(a)]
            if bad:
                raise FetchRefused(
                    f"host {host!r} resolves to a non-public address ({bad[0]}); "
                    "allow private addresses for this outlet if it really lives there",
                    url=url,
                )
        return parsed, addresses[0]

    # -- fetching --------------------------------------------------------------------------
    def get(self, url: str, *, headers: dict[str, str] | None = None,
            check_robots: bool | None = None) -> Response:
        """GET `url`, following redirects hop by hop under the guard. Returns 2xx and 304
        responses; raises FetchError (transient) or FetchRefused (permanent) otherwise."""
        deadline = time.monotonic() + self.total_timeout
        check_robots = self.respect_robots if check_robots is None else check_robots
        hops: list[str] = []
        current = url
        while True:
            if check_robots:
                self._check_robots(current, deadline)
            response = self._get_once(current, headers or {}, deadline)
            if response.status in self.redirect_codes:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"redirect {response.status} without Location", url=current,
                                     status=response.status, transient=False)
                if len(hops) >= self.max_redirects:
                    raise FetchRefused(f"more than {self.max_redirects} redirects", url=url)
                hops.append(current)
                current = urljoin(current, location)
                continue
            response.redirects = hops
            if response.status == 304 or 200 <= response.status < 300:
                return response
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            transient = response.status in (408, 425, 429) or response.status >= 500
            raise FetchError(f"HTTP {response.status}", url=current, status=response.status,
                             retry_after=retry_after, transient=transient, content=response.content)

    def post(self, url: str, data: dict[str, str]) -> Response:
        """POST a form to `url` under the same guard (addresses, size cap, time limit); no redirect
        is followed and robots.txt is not asked (a hub or an API is not crawled). Returns any
        answer with its status; raises FetchError or FetchRefused when there is none."""
        return self._get_once(url, {"Content-Type": "application/x-www-form-urlencoded"},
                              time.monotonic() + self.total_timeout, method="POST",
                              body=urlencode(data).encode())

    def _get_once(self, url: str, headers: dict[str, str], deadline: float, method: str = "GET",
                  body: bytes | None = None) -> Response:
        parsed, address = self.vet(url)
        host_header = parsed.netloc.decode("ascii")
        target = parsed.copy_with(host=address.split("%", 1)[0])
        request_headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate, br",
                           **headers, "Host": host_header}
        crawl_delay = self._crawl_delay(url)
        _clock.wait(f"{parsed.host}:{parsed.port}", max(self.politeness, crawl_delay))
        if time.monotonic() > deadline:
            raise FetchError("total time limit reached before the request", url=url)
        request = self._client.build_request(method, target, headers=request_headers, content=body,
                                             extensions={"sni_hostname": parsed.host})
        try:
            raw = self._client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out: {type(exc).__name__}", url=url) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"connection failed: {exc}", url=url) from exc
        try:
            declared = raw.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchRefused(f"response of {declared} bytes is over the {self.max_bytes}-byte cap", url=url)
            chunks, size = [], 0
            # iter_bytes decompresses, so the cap also stops gzip/deflate/br bombs.
            for chunk in raw.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchRefused(f"response is over the {self.max_bytes}-byte cap", url=url)
                if time.monotonic() > deadline:
                    raise FetchError(f"total time limit of {self.total_timeout:g}s exceeded", url=url)
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out reading the body: {type(exc).__name__}", url=url) from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"undecodable body: {exc}", url=url, transient=False) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"connection failed while reading: {exc}", url=url) from exc
        finally:
            raw.close()
        return Response(url=url, status=raw.status_code, headers=raw.headers, content=b"".join(chunks))

    # -- robots.txt ------------------------------------------------------------------------
    def _robots_for(self, url: str, deadline: float) -> Protego | None:
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with _robots_lock:
            cached = _robots_cache.get(origin)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        rules: Protego | None = None
        response = self._get_once(origin + "/robots.txt", {}, deadline)
        if response.status >= 500:
            raise FetchError(f"robots.txt answered HTTP {response.status}", url=url, status=response.status)
        if response.status == 200:
            rules = Protego.parse(response.content.decode("utf-8", errors="replace"))
        # Any other answer (404, 403…) means there are no rules to follow.
        with _robots_lock:
            _robots_cache[origin] = (time.monotonic() + ROBOTS_TTL, rules)
        return rules

    def _check_robots(self, url: str, deadline: float) -> None:
        rules = self._robots_for(url, deadline)
        if rules is not None and not rules.can_fetch(url, self.user_agent):
            raise FetchRefused("robots.txt disallows this URL for our user agent", url=url)

    def _crawl_delay(self, url: str) -> float:
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with _robots_lock:
            cached = _robots_cache.get(origin)
        if cached and cached[1] is not None:
            return float(cached[1].crawl_delay(self.user_agent) or 0.0)
        return 0.0


def forget_robots() -> None:
    """Drop cached robots.txt rules (tests, or after an outlet changes them)."""
    with _robots_lock:
        _robots_cache.clear()
