"""Security headers Django 5.2 does not set itself: Content-Security-Policy and Permissions-Policy.

Configured from settings (see the security block at the end of settings.py):

    QUANGBA_CSP = {"default-src": ["'self'"], "script-src": ["'self'"], ...}
    QUANGBA_CSP_REPORT_ONLY = False        # True: send Content-Security-Policy-Report-Only
    QUANGBA_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"

The middleware goes right after SecurityMiddleware, so pages answered early (baked pages) carry
the headers too.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from axes.backends import AxesStandaloneBackend
from django.conf import settings


def client_ip(request) -> str:
    """The reader's address; behind a proxy set QUANGBA_TRUSTED_PROXY_HEADER (e.g. X-Real-IP)."""
    header = settings.QUANGBA_COMMENTS["TRUSTED_PROXY_HEADER"]
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def build_policy(directives: dict[str, list[str] | tuple[str, ...] | str]) -> str:
    """Serialize {"directive": [sources]} as a CSP header value; empty source lists are dropped,
    except for valueless directives such as upgrade-insecure-requests (given as [] or "")."""
    parts = []
    for name, sources in directives.items():
        if isinstance(sources, str):
            sources = sources.split()
        for source in sources:
            if any(c in source for c in ";,\r\n"):
                raise ValueError(f"CSP source {source!r} of {name} would break the header")
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy (or its Report-Only twin), Permissions-Policy, and
    X-Frame-Options for responses that skipped Django's clickjacking middleware. A header a view
    already set is left alone."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = build_policy(settings.QUANGBA_CSP)
        report_only = settings.QUANGBA_CSP_REPORT_ONLY
        self.csp_header = "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"
        self.permissions = settings.QUANGBA_PERMISSIONS_POLICY
        self.frame_options = settings.X_FRAME_OPTIONS

    def __call__(self, request):
        response = self.get_response(request)
        if self.csp and self.csp_header not in response:
            response[self.csp_header] = self.csp
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        if "X-Frame-Options" not in response and not getattr(response, "xframe_options_exempt", False):
            response["X-Frame-Options"] = self.frame_options
        return response


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for log-ins that come with a request (the admin form, any
    view). A log-in without a request (the test client's login(), a shell) cannot be brute-forced
    from outside, and axes would refuse it outright, so it is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class CanonicalHostMiddleware:
    """Absolute URLs are built on QUANGBA_SITE_URL's host, never on what a client says its Host is:
    the Host header is still checked against ALLOWED_HOSTS, then the request is treated as one to
    the site's own address (canonical links, feeds, sitemaps, the API). The scheme stays the
    request's own (HTTPS as the TLS proxy says, for HSTS and secure cookies)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = urlsplit(settings.SITE_URL)
        if site.netloc:
            request.get_host()  # DisallowedHost (a 400) for a host the site does not answer to
            request.META["HTTP_HOST"] = site.netloc
            request.META.pop("HTTP_X_FORWARDED_HOST", None)
        return self.get_response(request)
