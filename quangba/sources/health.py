"""How each partner outlet is doing: what happened to its articles day by day (counted as it
happens, `tally`), whether it is failing, idle or paused (`board`), and the e-mail that tells the
staff when one starts to be (`alert_staff`, from the poll stage's sweep)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Feed, Outlet, OutletDay

log = logging.getLogger(__name__)

FAILING_AFTER = 3  # consecutive failed checks before an outlet is flagged (one failure is often a blip)
BOARD_DAYS = 14


def tally(outlet_id: int, count: str, when: datetime | None = None) -> None:
    """Add one to the outlet's `count` (an OutletDay field) for the day of `when` (now), in one
    statement: no lost update between workers."""
    if count not in OutletDay.COUNTS:
        raise ValueError(f"no such count: {count}")
    day = timezone.localdate(when or timezone.now())
    rows = OutletDay.objects.filter(outlet_id=outlet_id, day=day)
    if rows.update(**{count: F(count) + 1}):
        return
    try:
        with transaction.atomic():
            OutletDay.objects.create(outlet_id=outlet_id, day=day, **{count: 1})
    except IntegrityError:  # another worker made the day's row first
        rows.update(**{count: F(count) + 1})


@dataclass
class Health:
    """One outlet's row of the sources board."""

    outlet: Outlet
    feeds: int = 0
    paused: int = 0
    pushed: int = 0
    last_check: datetime | None = None
    last_new: datetime | None = None
    errors: int = 0  # the longest error streak of its feeds still checked
    streak: int = 0  # the longest of all its feeds, the paused ones too
    failing_since: datetime | None = None
    days: list[tuple[date, int]] = field(default_factory=list)  # articles ingested each day, oldest first
    today: dict[str, int] = field(default_factory=dict)  # today's counts (OutletDay.COUNTS)
    status: str = "ok"  # ok, errors, failing, idle, paused, inactive
    trouble: str = ""  # what is wrong, for the board and the e-mail (empty: nothing)

    @property
    def flagged(self) -> bool:
        return self.status in ("failing", "idle", "paused")

    @property
    def per_day(self) -> float:
        return sum(n for _day, n in self.days) / len(self.days) if self.days else 0.0


def board(now: datetime | None = None, days: int = BOARD_DAYS) -> list[Health]:
    """Every outlet's health, flagged ones first: three queries whatever the archive's size."""
    now = now or timezone.now()
    rows = {outlet.pk: Health(outlet) for outlet in Outlet.objects.all()}
    feeds = Feed.objects.values("outlet_id").annotate(
        n=Count("pk"), paused_n=Count("pk", filter=Q(paused=True)),
        pushed_n=Count("pk", filter=Q(kind=Feed.Kind.PUSH)), checked=Max("last_checked_at"),
        new=Max("last_new_at"), errors=Max("error_count", filter=Q(paused=False)), streak=Max("error_count"),
        since=Min("failing_since", filter=Q(paused=False)))
    for row in feeds:
        health = rows.get(row["outlet_id"])
        if health is not None:
            health.feeds, health.paused, health.pushed = row["n"], row["paused_n"], row["pushed_n"]
            health.last_check, health.last_new = row["checked"], row["new"]
            health.errors, health.failing_since = row["errors"] or 0, row["since"]
            health.streak = row["streak"] or 0
    today = timezone.localdate(now)
    first = today - timedelta(days=days - 1)
    counts = {(r["outlet_id"], r["day"]): r
              for r in OutletDay.objects.filter(day__gte=first).values("outlet_id", "day", *OutletDay.COUNTS)}
    span = [first + timedelta(days=n) for n in range(days)]
    for health in rows.values():
        health.days = [(day, counts.get((health.outlet.pk, day), {}).get("ingested", 0)) for day in span]
        kept = counts.get((health.outlet.pk, today), {})
        health.today = {count: kept.get(count, 0) for count in OutletDay.COUNTS}
        judge(health, now)
    order = {"failing": 0, "paused": 1, "idle": 2, "errors": 3, "ok": 4, "inactive": 5}
    return sorted(rows.values(), key=lambda h: (order[h.status], h.outlet.name.lower()))


def judge(health: Health, now: datetime) -> None:
    """Set the row's status and what is wrong."""
    outlet = health.outlet
    if not outlet.active:
        health.status, health.trouble = "inactive", ""
    elif health.feeds and health.paused == health.feeds:
        health.status = "paused"
        health.trouble = _("every source is paused after repeated failures")
    elif health.errors >= FAILING_AFTER:
        health.status = "failing"
        health.trouble = _("failing since %(since)s (%(n)d failed checks in a row)") % {
            "since": timezone.localtime(health.failing_since).strftime("%Y-%m-%d %H:%M") if health.failing_since
            else "?", "n": health.errors}
    elif now - (health.last_new or outlet.created_at) > timedelta(hours=outlet.idle_hours):
        health.status = "idle"
        health.trouble = _("nothing new for more than %(hours)d hours") % {"hours": outlet.idle_hours}
    elif health.errors:
        health.status, health.trouble = "errors", ""
    else:
        health.status, health.trouble = "ok", ""


def recipients() -> list[str]:
    """The staff's addresses (active staff users with one) and QUANGBA_ALERT_EMAILS."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="") \
        .values_list("email", flat=True)
    return sorted(set(staff) | set(settings.QUANGBA_ALERT_EMAILS))


def alert_staff(now: datetime | None = None) -> int:
    """Tell the staff, once per trouble, of each outlet that is newly failing, paused or idle; an
    outlet healthy again is forgotten, so its next trouble is told too. Several processes may run
    this at once: the outlet's row is claimed by one statement, and only the claimer sends.
    Returns the number of e-mails sent."""
    now = now or timezone.now()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for health in board(now):
            outlet = health.outlet
            if not health.flagged:
                if outlet.alerted_at is not None:
                    Outlet.objects.filter(pk=outlet.pk).update(alerted_at=None, alert="")
                continue
            # Told once per kind of trouble: a failing outlet's growing error count is no news.
            if outlet.alerted_at is not None and outlet.alert.partition(":")[0] == health.status:
                continue
            if not Outlet.objects.filter(pk=outlet.pk, alerted_at=outlet.alerted_at, alert=outlet.alert) \
                    .update(alerted_at=now, alert=f"{health.status}: {health.trouble}"[:300]):
                continue  # another process told them
            to = recipients()
            if not to:
                log.warning("outlet %s: %s (no staff address to tell)", outlet.slug, health.trouble)
                continue
            board_url = f"{settings.SITE_URL}/desk/sources/#outlet-{outlet.slug}"
            try:
                send_mail(
                    _("[%(site)s] %(outlet)s: %(trouble)s") % {
                        "site": settings.QUANGBA_SITE_NAME or "quangba", "outlet": outlet.name,
                        "trouble": health.trouble},
                    _("%(outlet)s: %(trouble)s.\n\nLast check: %(check)s\nLast new item: %(new)s\n"
                      "Sources board: %(url)s\n") % {
                        "outlet": outlet.name, "trouble": health.trouble, "url": board_url,
                        "check": _when(health.last_check), "new": _when(health.last_new)},
                    None, to)
            except Exception:  # a dead mail server must not stop the sweep; told again next pass
                log.exception("could not e-mail the staff about outlet %s", outlet.slug)
                Outlet.objects.filter(pk=outlet.pk).update(alerted_at=None, alert="")
                continue
            sent += 1
    return sent


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else _("never")
