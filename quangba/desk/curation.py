"""What editors do to front pages and stories, as audited Actions: pick a story for a page (pin or
feature, from a time, until a time), end or move a pick, choose a story's lead article, merge
stories, split reports off into a story of their own. A front page changed by a pick is baked
again at once, in the editor's request (the page itself, a few renders); changes to stories go to
the bake stage with the articles they move (their pages, their stories', the fronts)."""
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from quangba.core.actions import Action
from quangba.stories.grouping import recount
from quangba.stories.models import FrontPick, Story, StoryArticle
from quangba.web.bake import bake_pages


class PickAction(Action):
    permission = "stories.change_frontpick"
    then = None

    def run(self):
        keys = super().run()
        transaction.on_commit(lambda: bake_pages([self.page]))
        return keys


class PickStory(PickAction):
    """Put a story on a front page: `kind` pin or feature, in `language`, home or `section`."""

    name = "pick"
    permission = "stories.add_frontpick"

    def __init__(self, target, *, language, section=None, kind=FrontPick.Kind.PIN, starts_at=None, ends_at=None,
                 **kwargs):
        super().__init__(target, **kwargs)
        self.pick = FrontPick(story=target, language=language, section=section, kind=kind,
                              starts_at=starts_at or timezone.now(), ends_at=ends_at, created_by=self.user)
        self.page = self.pick.page

    def execute(self):
        # A new pick goes first among its kind.
        FrontPick.objects.current(self.pick.language, self.pick.section_id).update(position=F("position") + 1)
        self.pick.position = 0
        self.pick.save()
        return []


class EndPick(PickAction):
    """Take a pick off its page now (kept, ended, for the record)."""

    name = "unpick"

    def __init__(self, target, **kwargs):
        super().__init__(target, **kwargs)
        self.page = target.page

    def execute(self):
        now = timezone.now()
        FrontPick.objects.filter(pk=self.target.pk).update(
            ends_at=now, starts_at=min(self.target.starts_at, now))
        return []


class MovePick(PickAction):
    """One place up (-1) or down (+1) among the page's picks."""

    name = "reorder"

    def __init__(self, target, *, step: int, **kwargs):
        super().__init__(target, **kwargs)
        self.step, self.page = step, target.page

    def execute(self):
        ids = list(FrontPick.objects.current(self.target.language, self.target.section_id)
                   .order_by("position", "-starts_at", "pk").values_list("pk", flat=True)[:100])
        if self.target.pk in ids:
            at = ids.index(self.target.pk)
            to = max(0, min(len(ids) - 1, at + self.step))
            ids.insert(to, ids.pop(at))
        for position, pk in enumerate(ids):
            FrontPick.objects.filter(pk=pk).update(position=position)
        return []


class StoryAction(Action):
    permission = "stories.change_story"
    then = "bake"


class ChooseLead(StoryAction):
    """The report the front pages show for the story."""

    name = "choose lead"

    def __init__(self, target, *, article, **kwargs):
        super().__init__(target, **kwargs)
        self.article = article

    def execute(self):
        if not StoryArticle.objects.filter(story=self.target, article=self.article).exists():
            raise ValueError("the lead must be one of the story's reports")
        Story.objects.filter(pk=self.target.pk).update(lead=self.article)
        return [self.article.pk]


class MergeStories(StoryAction):
    """The reports of `others` join the target story; their picks move with them; the emptied
    stories go."""

    name = "merge stories"

    def __init__(self, target, *, others, **kwargs):
        super().__init__(target, **kwargs)
        self.others = [story for story in others if story.pk != target.pk]

    def execute(self):
        ids = [story.pk for story in self.others]
        moved = list(StoryArticle.objects.filter(story_id__in=ids).values_list("article_id", flat=True))
        StoryArticle.objects.filter(story_id__in=ids).update(story=self.target)
        FrontPick.objects.filter(story_id__in=ids).update(story=self.target)
        recount([self.target.pk, *ids])  # the counts of stories told twice or more move now, then they go
        Story.objects.filter(pk__in=ids).delete()
        return moved + list(StoryArticle.objects.filter(story=self.target).values_list("article_id", flat=True)[:200])


class SplitStory(StoryAction):
    """Reports that tell another story leave the target for a new one of their own (led by the
    first of them)."""

    name = "split story"

    def __init__(self, target, *, articles, **kwargs):
        super().__init__(target, **kwargs)
        self.articles = articles
        self.created = None

    def execute(self):
        leaving = [a for a in self.articles if StoryArticle.objects.filter(story=self.target, article=a).exists()]
        if not leaving or len(leaving) == StoryArticle.objects.filter(story=self.target).count():
            raise ValueError("a split leaves at least one report in each story")
        self.created = Story.objects.create(title=leaving[0].title[:500])
        StoryArticle.objects.filter(story=self.target, article__in=leaving).update(story=self.created)
        if self.target.lead_id in {a.pk for a in leaving}:
            Story.objects.filter(pk=self.target.pk).update(lead=None)
        recount([self.target.pk, self.created.pk])
        return [a.pk for a in leaving] + list(
            StoryArticle.objects.filter(story=self.target).values_list("article_id", flat=True)[:200])
