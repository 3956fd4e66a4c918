"""WebSub (W3C Recommendation) subscriber: a feed that names a hub gets its new items pushed to
us within seconds, instead of waiting for its next check.

* **Discover**: each check of a feed reads the hub and the feed's own URL (`hub_links`: Link
  headers, then <link rel="hub"/"self"> or a JSON Feed's "hubs").
* **Subscribe** (`keep_subscribed`, from the poll stage, outside its transaction): a new secret and
  callback token per request, written before the hub is asked, so its verification finds them;
  renewed when half the lease is gone, asked again when the hub never verified or denied.
* **Verify intent** (`callback`, GET): the hub's challenge is echoed only for the topic we asked
  for, at the callback of the request in force.
* **Receive** (`callback`, POST): the body must carry a valid `X-Hub-Signature` (sha256, sha384 or
  sha512 HMAC of the body with the subscription's secret); a missing, unknown-method or wrong
  signature, or a push after the lease ended, is refused and recorded on the subscription. A good
  one is read like a checked feed and its new items go to the ingest stage at once.
* **Fall back to polling**: while a lease is in force the feed is checked rarely
  (QUANGBA_WEBSUB_POLL_SECONDS, before the renewal is due); a check that finds items the hub did
  not push marks it `missed`, and the feed is checked at its own rhythm until a push comes again.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from quangba.core.errors import PipelineError
from quangba.core.stages import send
from quangba.sources.models import Feed, Subscription

from . import feeds

log = logging.getLogger(__name__)

SIGNATURES = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}
UNVERIFIED_RETRY = timedelta(hours=1)  # a request the hub never verified is made again after this
DENIED_RETRY = timedelta(days=1)


def conf() -> dict:
    return settings.QUANGBA_PIPELINE


def callback_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("websub", kwargs={"token": token})


def renewal_due(subscription: Subscription) -> datetime | None:
    """When the lease in force should be renewed: half-way through it."""
    if subscription.lease_until is None or subscription.requested_at is None:
        return None
    return subscription.requested_at + (subscription.lease_until - subscription.requested_at) / 2


def needs_request(subscription: Subscription, now: datetime) -> bool:
    """Whether to ask the hub (again): never asked, not verified within the hour, denied a day
    ago, or a lease not in force or half gone."""
    asked = subscription.requested_at
    if asked is None:
        return True
    if subscription.state == Subscription.State.DENIED:
        return now - asked > DENIED_RETRY
    if subscription.state == Subscription.State.REQUESTED:
        return now - asked > UNVERIFIED_RETRY
    due = renewal_due(subscription)
    return not subscription.in_force(now) or (due is not None and now >= due)


def keep_subscribed(feed: Feed, fetched: feeds.FetchedFeed, client) -> Subscription | None:
    """After a check: record the hub the feed names (after a 304, the one it named last time),
    and subscribe or renew when due (with QUANGBA_WEBSUB on). A hub that cannot be reached is
    recorded, and the feed is polled as usual. Returns the subscription, if any."""
    subscription = Subscription.objects.filter(feed=feed).first()
    if fetched.status == 304:
        hub, topic = (subscription.hub, subscription.topic) if subscription else ("", "")
    else:
        hub, topic = fetched.hub[:1000], fetched.topic[:1000]
    if not hub:
        if subscription is not None:  # the feed no longer names a hub
            subscription.delete()
        return None
    if subscription is None or subscription.hub != hub or subscription.topic != topic:
        subscription, _created = Subscription.objects.update_or_create(feed=feed, defaults=dict(
            hub=hub, topic=topic, state=Subscription.State.REQUESTED, requested_at=None, lease_until=None,
            secret="", callback_token=secrets.token_urlsafe(32), missed=False, last_error=""))
    now = timezone.now()
    if not conf()["WEBSUB"] or not needs_request(subscription, now):
        return subscription
    # A new secret and callback with each request, written (and committed) before asking: the hub
    # may verify before it answers us.
    Subscription.objects.filter(pk=subscription.pk).update(
        secret=secrets.token_hex(32), callback_token=secrets.token_urlsafe(32), requested_at=now, last_error="")
    subscription.refresh_from_db()
    lease = conf()["WEBSUB_LEASE_SECONDS"]
    try:
        answer = client.post(subscription.hub, {
            "hub.mode": "subscribe", "hub.topic": subscription.topic, "hub.callback": callback_url(subscription.callback_token),
            "hub.secret": subscription.secret, "hub.lease_seconds": str(lease)})
        if not 200 <= answer.status < 300:
            raise PipelineError(f"the hub answered HTTP {answer.status}: {answer.text[:200]}")
    except PipelineError as exc:
        problem = f"subscribing at {subscription.hub} failed: {exc}; the feed is polled meanwhile"
        Subscription.objects.filter(pk=subscription.pk).update(last_error=problem[:2000])
        log.warning("feed %s: %s", feed.url, problem)
    subscription.refresh_from_db()
    return subscription


def interval(subscription: Subscription | None, seconds: int, now: datetime | None = None) -> int:
    """The feed's next check: its own rhythm (`seconds`), or — while the hub pushes and has missed
    nothing — QUANGBA_WEBSUB_POLL_SECONDS, but never past the renewal of the lease."""
    now = now or timezone.now()
    if subscription is None or subscription.missed or not subscription.in_force(now):
        return seconds
    wanted = max(seconds, conf()["WEBSUB_POLL_SECONDS"])
    due = renewal_due(subscription)
    if due is not None:
        wanted = min(wanted, max((due - now).total_seconds(), conf()["POLL_MIN_SECONDS"]))
    return int(wanted)


def note_check(subscription: Subscription | None, result: feeds.PollResult) -> None:
    """A check that found new items while the hub should have pushed them: the hub missed them."""
    if subscription is not None and result.new and subscription.in_force(timezone.now()) and not subscription.missed:
        subscription.missed = True
        subscription.last_error = (f"a check found {len(result.new)} new item(s) the hub had not pushed: "
                                   "the feed is polled at its own rhythm until the hub pushes again")
        subscription.save(update_fields=["missed", "last_error"])


# The callback ----------------------------------------------------------------------------------

def _refuse(subscription: Subscription, problem: str, status: int) -> HttpResponse:
    Subscription.objects.filter(pk=subscription.pk).update(last_error=problem[:2000])
    log.warning("WebSub push for %s refused: %s", subscription.topic, problem)
    return HttpResponse(problem, status=status, content_type="text/plain; charset=utf-8")


def signature_ok(header: str, secret: str, body: bytes) -> tuple[bool, str]:
    method, _, given = header.partition("=")
    digest = SIGNATURES.get(method.strip().lower())
    if not header:
        return False, "no X-Hub-Signature"
    if digest is None:
        return False, f"X-Hub-Signature by {method[:20]!r}, not sha256, sha384 or sha512"
    expected = hmac.new(secret.encode(), body, digest).hexdigest()
    return hmac.compare_digest(expected, given.strip().lower()), "X-Hub-Signature does not match the content"


def verify(request, subscription: Subscription) -> HttpResponse:
    mode, topic = request.GET.get("hub.mode", ""), request.GET.get("hub.topic", "")
    if mode == "denied" and topic == subscription.topic:
        Subscription.objects.filter(pk=subscription.pk).update(
            state=Subscription.State.DENIED, lease_until=None,
            last_error=f"the hub denied the subscription: {request.GET.get('hub.reason', 'no reason given')[:500]}")
        return HttpResponse("ok", content_type="text/plain")
    challenge = request.GET.get("hub.challenge", "")
    if mode != "subscribe" or topic != subscription.topic or not challenge:
        return HttpResponseNotFound("not a subscription we asked for", content_type="text/plain")
    asked = conf()["WEBSUB_LEASE_SECONDS"]
    granted = request.GET.get("hub.lease_seconds", "")
    seconds = int(granted) if granted.isdigit() and 0 < int(granted) <= 10 * asked else asked
    Subscription.objects.filter(pk=subscription.pk).update(
        state=Subscription.State.VERIFIED, lease_until=timezone.now() + timedelta(seconds=seconds), last_error="")
    return HttpResponse(challenge, content_type="text/plain; charset=utf-8")


def receive(request, subscription: Subscription) -> HttpResponse:
    limit = conf()["MAX_FEED_BYTES"]
    declared = request.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        return _refuse(subscription, f"a push of {declared} bytes is over the {limit:,}-byte cap", 413)
    body = request.body
    good, problem = signature_ok(request.headers.get("X-Hub-Signature", ""), subscription.secret, body)
    if not good:
        return _refuse(subscription, f"a push was refused: {problem}", 403)
    now = timezone.now()
    if not subscription.in_force(now):
        return _refuse(subscription, "a signed push came while no lease was in force (expired or never "
                       "verified): refused; the feed is polled and subscribed again", 410)
    try:
        _title, records, _children, _ttl = feeds.parse_source(body, subscription.topic, subscription.feed.outlet.zone)
    except PipelineError as exc:
        return _refuse(subscription, f"a push could not be read: {exc}", 400)
    feed = subscription.feed
    with transaction.atomic():
        result = feeds.store_entries(feed, records[:feeds.formats.MAX_ITEMS])
        send("ingest", result.due, urgent=True)
        Subscription.objects.filter(pk=subscription.pk).update(
            last_push_at=now, pushes=subscription.pushes + 1, missed=False, last_error="")
        Feed.objects.filter(pk=feed.pk).update(last_success_at=now)
    return HttpResponse(status=202)


@csrf_exempt
def callback(request, token: str):
    """The hub's way in: GET to verify a subscription, POST to deliver content."""
    subscription = Subscription.objects.select_related("feed__outlet").filter(callback_token=token).first()
    if subscription is None or subscription.feed.paused or not subscription.feed.outlet.active:
        return HttpResponseNotFound("no such subscription", content_type="text/plain")
    if request.method == "GET":
        return verify(request, subscription)
    if request.method == "POST":
        return receive(request, subscription)
    return HttpResponse(status=405, headers={"Allow": "GET, POST"})
