from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Entry, Feed, Outlet


class FeedInline(admin.TabularInline):
    model = Feed
    extra = 0
    fields = ["url", "interval_seconds", "paused", "last_success_at", "error_count", "last_error"]
    readonly_fields = ["last_success_at", "error_count", "last_error"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "licence", "images_allowed", "publish", "active"]
    list_filter = ["language", "licence", "publish", "active"]
    search_fields = ["name", "homepage"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FeedInline]

    def get_actions(self, request):
        # The commands live above this app (they touch articles too); imported late to keep layers.
        from quangba.articles.actions import RestoreOutlet, TakedownOutlet
        from quangba.backoffice.actions import reason_action

        actions = super().get_actions(request)
        for command, text in ((TakedownOutlet, _("Take down the selected outlets and all their articles")),
                              (RestoreOutlet, _("Restore the selected outlets"))):
            action = reason_action(command, text)
            actions[action.__name__] = (action, action.__name__, text)
        return actions


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "healthy", "last_checked_at", "last_success_at", "last_status",
                    "error_count", "paused", "next_check_at"]
    list_filter = ["paused", "outlet"]
    search_fields = ["url", "title"]
    readonly_fields = ["etag", "last_modified", "last_checked_at", "last_success_at", "last_status",
                       "error_count", "last_error"]
    actions = ["check_now", "resume"]

    @admin.display(boolean=True, description=_("healthy"))
    def healthy(self, feed):
        return feed.error_count == 0 and not feed.paused

    @admin.action(description=_("Check the selected feeds now"))
    def check_now(self, request, queryset):
        count = queryset.update(next_check_at=timezone.now())
        self.message_user(request, _("%d feeds will be checked at the next scheduler pass.") % count)

    @admin.action(description=_("Resume the selected feeds (clear pause and errors)"))
    def resume(self, request, queryset):
        count = queryset.update(paused=False, error_count=0, next_check_at=timezone.now())
        self.message_user(request, _("%d feeds resumed.") % count, messages.SUCCESS)


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "feed", "state", "attempts", "next_attempt_at", "article"]
    list_filter = ["state", "feed__outlet"]
    search_fields = ["title", "url", "guid"]
    readonly_fields = ["identity", "fingerprint", "article", "last_error", "attempts"]
    list_select_related = ["feed", "article"]
    actions = ["retry"]

    @admin.action(description=_("Retry the selected entries"))
    def retry(self, request, queryset):
        count = queryset.update(state=Entry.State.PENDING, attempts=0, next_attempt_at=timezone.now())
        self.message_user(request, _("%d entries queued again.") % count)
