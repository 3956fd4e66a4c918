from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quangba.backoffice.actions import reason_action

from .actions import CheckFeedNow, PauseFeed, ResumeFeed, RestoreOutlet, TakedownOutlet
from .models import Feed, Outlet


class FeedInline(admin.TabularInline):
    model = Feed
    extra = 0
    fields = ["url", "interval_seconds", "paused", "last_success_at", "error_count", "last_error"]
    readonly_fields = ["interval_seconds", "last_success_at", "error_count", "last_error"]  # the interval: set by each check


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "licence", "images_allowed", "publish", "active"]
    list_filter = ["language", "licence", "publish", "active"]
    search_fields = ["name", "homepage"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FeedInline]
    actions = [
        reason_action(TakedownOutlet, _("Take down the selected outlets and all their articles")),
        reason_action(RestoreOutlet, _("Restore the selected outlets")),
    ]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "healthy", "last_checked_at", "last_success_at", "last_status",
                    "error_count", "paused", "next_check_at"]
    list_filter = ["paused", "outlet"]
    search_fields = ["url", "title"]
    readonly_fields = ["interval_seconds", "etag", "last_modified", "last_checked_at", "last_success_at", "last_status",
                       "error_count", "last_error"]
    actions = [
        reason_action(CheckFeedNow, _("Check the selected feeds now"), ask_reason=False),
        reason_action(ResumeFeed, _("Resume the selected feeds (clear pause and errors)"), ask_reason=False),
        reason_action(PauseFeed, _("Pause the selected feeds")),
    ]

    @admin.display(boolean=True, description=_("healthy"))
    def healthy(self, feed):
        return feed.error_count == 0 and not feed.paused
