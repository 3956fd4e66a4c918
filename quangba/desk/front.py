"""Front-page curation: per language and page (home or a section), the stories the editors picked
(pinned or featured, from and until a time, in their order) and the latest stories to pick from;
stories merged, split, given their lead article. Every change is an audited Action and the page
is baked again before the editor's next page loads."""
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _, override

from quangba.articles.localize import shown_in
from quangba.articles.lookup import find_article
from quangba.articles.models import Article, Listing
from quangba.stories.front import in_order, picked
from quangba.stories.models import FrontPick, Story, StoryArticle
from quangba.taxonomy.models import Section
from quangba.web.views import one_per_story

from .curation import ChooseLead, EndPick, MergeStories, MovePick, PickStory, SplitStory
from .views import language_name

STORIES_SHOWN = 20


def _moment(value: str):
    """A datetime-local field's value in the site's time zone, or None."""
    if not value:
        return None
    try:
        return timezone.make_aware(datetime.fromisoformat(value))
    except ValueError:
        return None


def _page_of(params) -> tuple[str, Section | None]:
    codes = [code for code, _name in settings.LANGUAGES]
    language = params.get("language") if params.get("language") in codes else codes[0]
    section = Section.objects.filter(slug=params["section"]).first() if params.get("section") else None
    return language, section


def _here(language: str, section: Section | None) -> str:
    return reverse("desk:front") + "?" + urlencode({"language": language, **({"section": section.slug} if section else {})})


def _titles(article_ids: list[int], language: str) -> dict[int, Article]:
    """The articles as cards in `language` (their translated titles), by id."""
    articles = Article.objects.select_related("outlet").only("pk", "title", "language", "slug", "published_at",
                                                             "outlet__name")
    return {a.pk: a for a in shown_in(articles, article_ids, language)}


@staff_member_required
def front(request):
    language, section = _page_of(request.POST if request.method == "POST" else request.GET)
    if request.method == "POST":
        try:
            done = _act(request, language, section)
        except PermissionDenied:
            return HttpResponseForbidden(_("You may not do this.").encode())
        except ValueError as error:
            return HttpResponseBadRequest(str(error).encode())
        if done:
            messages.success(request, done)
        return redirect(_here(language, section))
    now = timezone.now()
    picks = list(FrontPick.objects.current(language, section.pk if section else None, now).select_related("story")
                 .order_by("position", "-starts_at", "pk")[:40])
    live = in_order(p for p in picks if p.live(now))
    shown = {story: article for article, story in picked(language, section.pk if section else None, live)}
    live = {p.pk for p in live}
    newest = Listing.objects.filter(language=language)
    if section:
        newest = newest.filter(section=section)
    recent = list(newest.order_by("-published_at", "-article_id").values_list("article_id", flat=True)[:STORIES_SHOWN * 4])
    # Stories as they are now (a listing learns of a merge when the bake stage gets to it).
    story_of = dict(StoryArticle.objects.filter(article_id__in=recent).values_list("article_id", "story_id"))
    ids, _stories = one_per_story([(pk, story_of.get(pk)) for pk in recent], STORIES_SHOWN)
    titles = _titles(ids + list(shown.values()), language)
    counts = dict(Story.objects.filter(pk__in=[story_of[pk] for pk in ids if story_of.get(pk)])
                  .values_list("pk", "reports"))
    for pick in picks:
        pick.card = titles.get(shown.get(pick.story_id))
        pick.is_live = pick.pk in live
    stories = [{"story": story_of.get(pk), "article": titles[pk], "reports": counts.get(story_of.get(pk), 1)}
               for pk in ids if pk in titles]
    with override(language):
        public_url = reverse("web:section", args=[section.slug]) if section else reverse("web:home")
    return render(request, "desk/front.html", {
        "title": _("Front pages"), "language": language, "section": section, "picks": picks, "stories": stories,
        "languages": [(code, language_name(code)) for code, _name in settings.LANGUAGES],
        "sections": Section.objects.all(), "public_url": public_url,
        "page_name": section.name if section else _("Home page"),
    })


def _act(request, language: str, section: Section | None) -> str:
    """One action from the front page's forms; what was done, for the editor."""
    post, user = request.POST, request.user
    reason = post.get("reason", "").strip()[:500]
    if post.get("pick"):
        kind, _sep, story_id = post["pick"].partition(":")
        if kind not in FrontPick.Kind.values:
            raise ValueError(_("No such kind of pick."))
        story = get_object_or_404(Story, pk=int(story_id) if story_id.isdigit() else 0)
        starts, ends = _moment(post.get("starts_at", "")), _moment(post.get("ends_at", ""))
        if starts and ends and ends <= starts:
            raise ValueError(_("A pick must end after it starts."))
        PickStory(story, user=user, reason=reason, language=language, section=section, kind=kind,
                  starts_at=starts, ends_at=ends).run()
        return _("“%(story)s” is on the page.") % {"story": story.title}
    if post.get("find"):
        article = find_article(post["find"])
        link = StoryArticle.objects.filter(article=article).select_related("story").first() if article else None
        if link is None:
            messages.error(request, _("No story has that article."))
            return ""
        PickStory(link.story, user=user, reason=reason, language=language, section=section,
                  kind=post.get("kind", FrontPick.Kind.PIN), starts_at=_moment(post.get("starts_at", "")),
                  ends_at=_moment(post.get("ends_at", ""))).run()
        return _("“%(story)s” is on the page.") % {"story": link.story.title}
    if post.get("end"):
        pick = get_object_or_404(FrontPick, pk=_number(post["end"]))
        EndPick(pick, user=user, reason=reason).run()
        return _("Taken off the page.")
    if post.get("move"):
        step, _sep, pk = post["move"].partition(":")
        pick = get_object_or_404(FrontPick, pk=_number(pk))
        MovePick(pick, user=user, reason=reason, step=-1 if step == "up" else 1).run()
        return ""
    if "merge" in post:
        stories = list(Story.objects.filter(pk__in=[_number(v) for v in post.getlist("stories")]).order_by("pk"))
        if len(stories) < 2:
            messages.error(request, _("Tick two stories or more to merge."))
            return ""
        MergeStories(stories[0], user=user, reason=reason, others=stories[1:]).run()
        return _("%(n)s stories merged into “%(story)s”.") % {"n": len(stories), "story": stories[0].title}
    raise ValueError(_("No such action."))


def _number(value) -> int:
    return int(value) if str(value).isdigit() and len(str(value)) < 19 else 0


@staff_member_required
def story(request, pk):
    """One story's reports: choose its lead article, split reports off into a story of their own."""
    found = get_object_or_404(Story, pk=pk)
    if request.method == "POST":
        try:
            if request.POST.get("lead"):
                article = get_object_or_404(Article, pk=_number(request.POST["lead"]))
                try:
                    ChooseLead(found, user=request.user, article=article).run()
                except ValueError:
                    messages.error(request, _("The lead article must be one of the story's reports."))
                    return redirect("desk:story", pk=found.pk)
                messages.success(request, _("Lead article chosen."))
            elif "split" in request.POST:
                leaving = list(Article.objects.filter(pk__in=[_number(v) for v in request.POST.getlist("articles")]))
                action = SplitStory(found, user=request.user, articles=leaving, reason=request.POST.get("reason", ""))
                try:
                    action.run()
                except ValueError:
                    messages.error(request, _("Tick some of the reports, not all of them."))
                    return redirect("desk:story", pk=found.pk)
                messages.success(request, _("Split: the ticked reports are a story of their own."))
                return redirect("desk:story", pk=action.created.pk)
        except PermissionDenied:
            return HttpResponseForbidden(_("You may not do this.").encode())
        return redirect("desk:story", pk=found.pk)
    links = list(StoryArticle.objects.filter(story=found).select_related("article__outlet").defer("profile")
                 .order_by("article__published_at")[:200])
    picks = list(found.picks.select_related("section").order_by("-starts_at")[:20])
    return render(request, "desk/story.html", {
        "title": found.title, "story": found, "links": links, "picks": picks,
    })
