"""The desk: server-rendered pages for the portal's staff (Vietnamese and English, the language
of the staff member's choice). Today: what needs a person now. The sources board: one row per
partner outlet with its health and 14 days of intake; the monthly partner report as CSV."""
import csv
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext as _, ngettext

from quangba.articles.models import Article, ArticleTranslation
from quangba.comments.models import Comment
from quangba.core.reasons import localize, localize_finding
from quangba.sources.health import BOARD_DAYS, board
from quangba.sources.models import Outlet, OutletDay

from .editing import Sheet

CHART_BAR, CHART_GAP, CHART_HEIGHT = 6, 2, 28


def chart(days: list[tuple[date, int]]) -> str:
    """A bar a day, drawn server-side as SVG (one string: the board has a chart per outlet, and a
    template loop per bar costs more than the rest of the page); heights against the outlet's own
    busiest day."""
    top = max((n for _day, n in days), default=0) or 1
    total = sum(n for _day, n in days)
    width = len(days) * (CHART_BAR + CHART_GAP) - CHART_GAP
    heights = [max(round(CHART_HEIGHT * n / top), 1) for _day, n in days]  # an empty day: a 1 px line
    # Only integers and dates go into the bars (escaping them, 15 a chart and 150 charts a board,
    # was most of the page's time); the label is escaped once.
    empty = ' class="empty"'
    bars = "".join(
        f'<rect x="{index * (CHART_BAR + CHART_GAP)}" y="{CHART_HEIGHT - height}" width="{CHART_BAR}" '
        f'height="{height}"{"" if n else empty}><title>{day:%d/%m}: {int(n)}</title></rect>'
        for index, ((day, n), height) in enumerate(zip(days, heights)))
    label = _("%(n)s articles in %(days)s days") % {"n": total, "days": len(days)}
    return format_html('<svg class="chart" role="img" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><title>{label}'
                       '</title>{bars}</svg> <span class="count">{total}</span>',
                       w=width, h=CHART_HEIGHT, label=label, bars=mark_safe(bars), total=total)


def language_name(code: str) -> str:
    """The language's name in the desk's own language ("Vietnamese" on the English desk)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def _moment(moment, empty: str) -> str:
    if moment is None:
        return empty
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(),
                       timezone.localtime(moment).strftime("%d/%m %H:%M"))


@staff_member_required
def sources(request):
    rows = board()
    labels = {"ok": _("healthy"), "errors": _("errors"), "failing": _("failing"), "idle": _("idle"),
              "paused": _("paused"), "inactive": _("inactive")}
    never, pushes, since = _("never"), _("pushes"), _("failing since")
    admin_url = reverse("admin:sources_outlet_change", args=[0])
    for row in rows:
        outlet = row.outlet
        row.chart = chart(row.days)
        row.status_label = labels[row.status]
        row.admin_url = admin_url.replace("/0/", f"/{outlet.pk}/")
        row.language = language_name(outlet.language)
        row.check_html = _moment(row.last_check, pushes if row.feeds and row.pushed == row.feeds else never)
        row.new_html = _moment(row.last_new, never)
        row.since_text = (f"{since} {timezone.localtime(row.failing_since):%d/%m %H:%M}"
                          if row.failing_since and row.status != "failing" else "")
        row.paused_text = ngettext("%(n)s paused", "%(n)s paused", row.paused) % {"n": row.paused} if row.paused else ""
        row.agreement = outlet.get_licence_display() + ("" if outlet.images_allowed else ", " + _("no images"))
    today = timezone.localdate()
    months = [today.replace(day=1)]
    while len(months) < 3:
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    flagged = sum(1 for row in rows if row.flagged)
    return render(request, "desk/sources.html", {
        "rows": rows, "flagged": flagged, "days": BOARD_DAYS, "months": months, "title": _("Sources"),
    })


HELD_SHOWN = 10


def _oldest(queryset, order: str) -> tuple[list, int]:
    """The first HELD_SHOWN rows, oldest first, and how many there are (one query when they fit).
    Oldest by primary key: the status index holds it, where ordering by a date had SQLite scan the
    date index of the whole archive for a handful of held rows (1.7 s at 1 M articles)."""
    rows = list(queryset.order_by(order)[:HELD_SHOWN + 1])
    return rows[:HELD_SHOWN], (len(rows) if len(rows) <= HELD_SHOWN else queryset.count())


@staff_member_required
def dashboard(request):
    """What needs a person now: held articles and translations with why, pending comments, the
    sources that need a look; and today's intake by outlet and language. Each links to where it
    is acted on."""
    articles, held_articles = _oldest(
        Article.objects.filter(status=Article.Status.REVIEW).select_related("outlet")
        .only("pk", "title", "language", "review_reason", "published_at", "outlet__name"), "pk")
    translations, held_translations = _oldest(
        ArticleTranslation.objects.filter(status=ArticleTranslation.Status.REVIEW).select_related("article")
        .only("pk", "title", "language", "qa_issues", "translated_at", "article__title"), "pk")
    for article in articles:  # the pipeline's reasons in the editor's language; an editor's own words as written
        article.why = localize(article.review_reason)
    for translation in translations:
        translation.findings = "; ".join(localize_finding(finding) for finding in translation.qa_issues[:3])
    comments, pending_comments = _oldest(
        Comment.objects.filter(status=Comment.Status.PENDING).select_related("article")
        .only("pk", "name", "text", "created_at", "language", "article__title"), "pk")
    rows = board()
    flagged = [row for row in rows if row.flagged]
    intake = sorted((row for row in rows if row.today["ingested"] or row.today["published"]),
                    key=lambda row: (-row.today["ingested"], row.outlet.name.lower()))
    by_language: dict[str, dict[str, int]] = {}
    for row in rows:
        totals = by_language.setdefault(row.outlet.language, dict.fromkeys(OutletDay.COUNTS, 0))
        for count, n in row.today.items():
            totals[count] += n
    languages = [(language_name(code), totals) for code, totals in sorted(by_language.items())
                 if any(totals.values())]  # "languages" in a template is the site's own list
    return render(request, "desk/dashboard.html", {
        "title": _("Today"), "articles": articles, "held_articles": held_articles,
        "translations": translations, "held_translations": held_translations,
        "comments": comments, "pending_comments": pending_comments,
        "flagged": flagged[:HELD_SHOWN], "flagged_count": len(flagged), "intake": intake[:HELD_SHOWN],
        "intake_count": len(intake), "by_language": languages,
        "today_total": {count: sum(row.today[count] for row in rows) for count in OutletDay.COUNTS},
    })


def _month(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return None


@staff_member_required
def report(request):
    """?month=YYYY-MM (this month by default): a row per outlet with the month's counts; with
    &outlet=SLUG, that outlet's days."""
    first = _month(request.GET.get("month") or f"{timezone.localdate():%Y-%m}")
    if first is None:
        return HttpResponseBadRequest(_("month must be written YYYY-MM, such as 2026-11").encode(),
                                      content_type="text/plain; charset=utf-8")
    after = (first + timedelta(days=32)).replace(day=1)
    days = OutletDay.objects.filter(day__gte=first, day__lt=after)
    slug = request.GET.get("outlet")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    if slug:
        outlet = get_object_or_404(Outlet, slug=slug)
        response["Content-Disposition"] = f'attachment; filename="{outlet.slug}-{first:%Y-%m}.csv"'
        writer.writerow(["outlet", "day", *OutletDay.COUNTS])
        counted = {row["day"]: row for row in days.filter(outlet=outlet).values("day", *OutletDay.COUNTS)}
        day = first
        while day < after:
            row = counted.get(day, {})
            writer.writerow([outlet.slug, day.isoformat(), *(row.get(c, 0) for c in OutletDay.COUNTS)])
            day += timedelta(days=1)
        return response
    response["Content-Disposition"] = f'attachment; filename="partners-{first:%Y-%m}.csv"'
    writer.writerow(["outlet", "name", "month", *OutletDay.COUNTS])
    sums = {row["outlet_id"]: row for row in days.values("outlet_id").annotate(
        **{c: Sum(c) for c in OutletDay.COUNTS})}
    for outlet in Outlet.objects.order_by("name").only("pk", "slug", "name"):
        row = sums.get(outlet.pk, {})
        writer.writerow([outlet.slug, outlet.name, f"{first:%Y-%m}", *(row.get(c) or 0 for c in OutletDay.COUNTS)])
    return response


@staff_member_required
def translation(request, pk):
    """One translation side by side with its source, segment by segment; saving publishes it or
    keeps it held, as the editor chooses."""
    found = get_object_or_404(ArticleTranslation.objects.select_related("article__outlet", "edited_by"), pk=pk)
    sheet = Sheet(found)
    if request.method == "POST":
        values = {row.id: request.POST[f"seg-{row.id}"] for row in sheet.rows if f"seg-{row.id}" in request.POST}
        try:
            sheet.save(values, user=request.user, publish="publish" in request.POST,
                       reason=request.POST.get("reason", ""))
        except PermissionDenied:
            return HttpResponseForbidden(_("You may not edit translations.").encode())
        messages.success(request, _("Saved and published.") if "publish" in request.POST
                         else _("Saved; the translation stays held."))
        return redirect("desk:translation", pk=found.pk)
    article = found.article
    return render(request, "desk/translation.html", {
        "title": _("Translation"), "translation": found, "article": article, "sheet": sheet,
        "status": found.get_status_display(), "source_name": language_name(article.language),
        "target_name": language_name(found.language),
        "public_url": found.get_absolute_url() if found.status == ArticleTranslation.Status.PUBLISHED else "",
        "edited": sum(1 for row in sheet.rows if row.edited),
    })
