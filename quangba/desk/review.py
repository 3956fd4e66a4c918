"""The review queue: held articles and translations, oldest first, filterable by outlet and
language; each previewed exactly as readers would see it; acted on one by one or in bulk
(publish, hold, take down, file under a section or places) — the same audited Actions as the
admin's. Pages through the status index by primary key (O(page) on any archive)."""
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext as _, ngettext, override
from django.views.decorators.http import require_POST

from quangba.articles.actions import (
    ChangeFiling, HoldArticle, HoldTranslation, PublishArticle, PublishTranslation, TakedownArticle,
)
from quangba.articles.localize import localize
from quangba.articles.models import Article, ArticleTranslation, images_with_files
from quangba.core.reasons import localize as localize_reason, localize_finding
from quangba.sources.models import Outlet
from quangba.taxonomy.models import Place, Section
from quangba.web.views import article_context

from .views import language_name

PAGE = 30
KINDS = ("articles", "translations")
STATUSES = {"held": (Article.Status.REVIEW, ArticleTranslation.Status.REVIEW),
            "published": (Article.Status.PUBLISHED, ArticleTranslation.Status.PUBLISHED)}


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2 ** 62 else None


class Queue:
    """What the filters choose, a page of it, and the link to the next page."""

    def __init__(self, params):
        self.kind = params.get("kind") if params.get("kind") in KINDS else "articles"
        self.status = params.get("status") if params.get("status") in STATUSES else "held"
        self.outlet = params.get("outlet", "")
        self.language = params.get("language", "")
        self.after = _int(params.get("after"))
        self.held = self.status == "held"

    def filters(self, **changes) -> str:
        values = {"kind": self.kind, "status": self.status, "outlet": self.outlet, "language": self.language,
                  **changes}
        return "?" + urlencode({k: v for k, v in values.items() if v})

    def queryset(self):
        article_status, translation_status = STATUSES[self.status]
        if self.kind == "articles":
            rows = Article.objects.filter(status=article_status).select_related("outlet", "section").only(
                "pk", "title", "language", "review_reason", "published_at", "first_seen_at", "confidence",
                "outlet__name", "outlet__slug", "section", "status")
            if self.outlet:
                rows = rows.filter(outlet__slug=self.outlet)
            if self.language:
                rows = rows.filter(language=self.language)
        else:
            rows = ArticleTranslation.objects.filter(status=translation_status).select_related("article__outlet").only(
                "pk", "title", "language", "qa_issues", "translated_at", "by_editors", "status", "article_id",
                "article__title", "article__language", "article__outlet__name", "article__outlet__slug")
            if self.outlet:
                rows = rows.filter(article__outlet__slug=self.outlet)
            if self.language:
                rows = rows.filter(language=self.language)
        return rows

    def page(self) -> tuple[list, int | None]:
        """A page (oldest first when held: they waited longest; newest first when published) and
        the cursor of the next one."""
        rows = self.queryset()
        if self.after:
            rows = rows.filter(pk__gt=self.after) if self.held else rows.filter(pk__lt=self.after)
        found = list(rows.order_by("pk" if self.held else "-pk")[:PAGE + 1])
        more = found[PAGE - 1].pk if len(found) > PAGE else None
        found = found[:PAGE]
        for row in found:
            if self.kind == "articles":
                row.why = localize_reason(row.review_reason)
            else:
                row.why = "; ".join(localize_finding(f) for f in row.qa_issues[:3])
        return found, more


@staff_member_required
def queue(request):
    q = Queue(request.GET)
    rows, more = q.page()
    held_counts = {"articles": Article.objects.filter(status=Article.Status.REVIEW).count(),
                   "translations": ArticleTranslation.objects.filter(status=ArticleTranslation.Status.REVIEW).count()}
    return render(request, "desk/review.html", {
        "title": _("Review"), "q": q, "rows": rows,
        "next": q.filters(after=more) if more else "",
        "first": q.filters() if q.after else "",
        "held_counts": held_counts,
        "statuses": [("held", Article.Status.REVIEW.label), ("published", Article.Status.PUBLISHED.label)],
        "tabs": [(kind, label, q.filters(kind=kind), held_counts[kind])
                 for kind, label in (("articles", _("Articles")), ("translations", _("Translations")))],
        "outlets": Outlet.objects.order_by("name").only("slug", "name"),
        "languages": [(code, language_name(code)) for code, _name in settings.LANGUAGES],
        "sections": Section.objects.all(),
        "places": Place.objects.order_by("name").only("slug", "name", "name_en"),
    })


def _places(text: str):
    """Places named by slug or name (Vietnamese or English), comma separated; unknown ones: an error."""
    wanted = [part.strip() for part in text.split(",") if part.strip()][:20]
    found, unknown = [], []
    for name in wanted:
        place = (Place.objects.filter(slug=name).first() or Place.objects.filter(name__iexact=name).first()
                 or Place.objects.filter(name_en__iexact=name).first())
        (found if place else unknown).append(place or name)
    return found, unknown


@staff_member_required
@require_POST
def act(request):
    """One action on the ticked rows (or the one row whose button was pressed)."""
    q = Queue(request.POST)
    action = request.POST.get("action", "")
    ids = [n for n in (_int(v) for v in request.POST.getlist("ids")) if n][:200]
    if request.POST.get("only"):  # a row's own button: "publish:123"
        action, _sep, one = request.POST["only"].partition(":")
        ids = [n for n in [_int(one)] if n]
    if not ids:
        messages.error(request, _("Tick at least one row."))
        return redirect(reverse("desk:review") + q.filters())
    reason = request.POST.get("reason", "").strip()[:500]
    if q.kind == "translations":
        commands = {"publish": PublishTranslation, "hold": HoldTranslation}
        targets = list(ArticleTranslation.objects.filter(pk__in=ids).select_related("article"))
    else:
        commands = {"publish": PublishArticle, "hold": HoldArticle, "takedown": TakedownArticle}
        targets = list(Article.objects.filter(pk__in=ids))
    extra = {}
    if action == "file" and q.kind == "articles":
        section = Section.objects.filter(slug=request.POST.get("section", "")).first()
        places = None
        if request.POST.get("places", "").strip():
            places, unknown = _places(request.POST["places"])
            if unknown:
                messages.error(request, _("Unknown places: %(names)s") % {"names": ", ".join(unknown)})
                return redirect(reverse("desk:review") + q.filters())
        if section is None and places is None:
            messages.error(request, _("Choose a section or places."))
            return redirect(reverse("desk:review") + q.filters())
        extra = {"section": section, "places": places}
        command = ChangeFiling
    elif action in commands:
        command = commands[action]
    else:
        return HttpResponseBadRequest(_("No such action.").encode())
    if action == "takedown" and not reason:
        messages.error(request, _("Say why: a takedown's reason goes to the audit log."))
        return redirect(reverse("desk:review") + q.filters())
    try:
        with transaction.atomic():
            for target in targets:
                command(target, user=request.user, reason=reason, **extra).run()
    except PermissionDenied:
        return HttpResponseForbidden(_("You may not do this.").encode())
    messages.success(request, ngettext("%(action)s: %(n)s done.", "%(action)s: %(n)s done.", len(targets)) % {
        "action": _action_label(action), "n": len(targets)})
    return redirect(reverse("desk:review") + q.filters(after=q.after or ""))


def _action_label(action: str) -> str:
    return {"publish": _("Publish"), "hold": _("Hold"), "takedown": _("Take down"), "file": _("File")}[action]


@staff_member_required
def preview(request, kind, pk):
    """The article page as readers would see it, whatever its status (a banner says it is a
    preview); a translation in its language."""
    published = ArticleTranslation.objects.filter(status=ArticleTranslation.Status.PUBLISHED)
    articles = Article.objects.select_related("outlet__logo_file", "section").prefetch_related(
        images_with_files(), "places", Prefetch("translations", queryset=published, to_attr="public_translations"))
    if kind == "translation":
        translation = get_object_or_404(ArticleTranslation, pk=pk)
        article = get_object_or_404(articles, pk=translation.article_id)
        article.shown, language = [translation], translation.language
    elif kind == "article":
        article = get_object_or_404(articles, pk=pk)
        article.shown, language = [], article.language
    else:
        raise Http404("No such kind.")
    target = translation if kind == "translation" else article
    # The banner and its buttons in the editor's language; the page in the article's.
    preview = {
        "note": _("Preview: this is the page readers see.") if target.status == "published" else _(
            "Preview (%(status)s): readers see this page only once it is published.") % {
            "status": target.get_status_display()},
        "language": get_language(),
        "kind": kind + "s", "pk": target.pk, "status": target.status,
        "edit": reverse("desk:translation", args=[target.pk]) if kind == "translation"
        else reverse("admin:articles_article_change", args=[target.pk]),
        "labels": {"publish": _("Publish"), "hold": _("Hold"), "takedown": _("Take down"), "reason": _("Reason"),
                   "edit": _("Edit side by side") if kind == "translation" else _("Edit")},
    }
    with override(language):
        original_slug = article.slug
        localize(article, language)
        return render(request, "web/article.html", article_context(article, language, original_slug, preview=preview))
