"""Query parameters readers and API clients send, read in one place: a value that cannot be used
is a ParameterError naming the parameter (a 400 for the reader, JSON on the API), never a 500."""
import logging
from datetime import date, datetime, time

from django.core.exceptions import BadRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

log = logging.getLogger(__name__)
# Dates a news archive can hold; outside them a date is a mistake (and overflows time zones).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
LARGEST = 10**9  # offsets and pages beyond this are not pages of any archive


class ParameterError(BadRequest):
    """Django answers it with the site's 400 page; the API with a JSON 400."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        log.info("bad parameter %s: %s", name, message)


def whole_number(name: str, raw, *, default: int, minimum: int, maximum: int = LARGEST) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ParameterError(name, f"'{name}' must be a whole number, not {str(raw)[:40]!r}.") from None
    if not minimum <= value <= maximum:
        raise ParameterError(name, f"'{name}' must be between {minimum} and {maximum}.")
    return value


def day(name: str, raw, *, end: bool = False) -> datetime | None:
    """A calendar day (YYYY-MM-DD) as the first (or, with `end`, the last) moment of it in the
    site's time zone; None when absent."""
    if raw in (None, ""):
        return None
    try:
        parsed = parse_date(str(raw))
    except ValueError:
        parsed = None
    if parsed is None or not EARLIEST <= parsed <= LATEST:
        raise ParameterError(name, f"'{name}' must be a date between {EARLIEST} and {LATEST} as YYYY-MM-DD, "
                                   f"not {str(raw)[:40]!r}.")
    return timezone.make_aware(datetime.combine(parsed, time.max if end else time.min))


def moment(name: str, raw) -> datetime | None:
    """An ISO 8601 date or date-time (naive ones in the site's time zone); None when absent. A
    well-formed moment before 1900 or after 2999 is a bound, not an error: "since 0001-01-01" asks
    for everything, "since 9999-…" for nothing (a valid date-time is a valid value)."""
    if raw in (None, ""):
        return None
    text = str(raw)
    try:
        value = parse_datetime(text)
        if value is None and parse_date(text):
            value = datetime.combine(parse_date(text), time.min)
    except ValueError:
        value = None
    if value is None:
        raise ParameterError(name, f"'{name}' must be an ISO 8601 date or date-time, not {text[:40]!r}.")
    if not EARLIEST <= value.date() <= LATEST:
        value = datetime.combine(EARLIEST if value.date() < EARLIEST else LATEST, time.min)
    try:
        return timezone.make_aware(value) if timezone.is_naive(value) else value
    except (OverflowError, ValueError):
        raise ParameterError(name, f"'{name}' is out of range.") from None


class NulBytesMiddleware:
    """A NUL character in a parameter is never a value a page can use, and PostgreSQL refuses it
    in any text it is compared with: such a request is a 400 naming the parameter, before a view
    queries anything with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise ParameterError(name, f"'{name.replace(chr(0), '')[:40]}' must not contain a NUL character.")
        return self.get_response(request)
