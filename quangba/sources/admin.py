from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quangba.backoffice.actions import reason_action

from .actions import CheckFeedNow, PauseFeed, ResumeFeed, RestoreOutlet, TakedownOutlet
from .models import Feed, IngestToken, Outlet, Subscription


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
    readonly_fields = ["alerted_at", "alert"]  # kept by the sources board's alerts
    inlines = [FeedInline]
    actions = [
        reason_action(TakedownOutlet, _("Take down the selected outlets and all their articles")),
        reason_action(RestoreOutlet, _("Restore the selected outlets")),
    ]


class SubscriptionInline(admin.StackedInline):
    model = Subscription
    extra = 0
    can_delete = False
    fields = ["hub", "topic", "state", "requested_at", "lease_until", "last_push_at", "pushes", "missed", "last_error"]
    readonly_fields = fields


@admin.register(IngestToken)
class IngestTokenAdmin(admin.ModelAdmin):
    """Keys are made with `quangba ingest_key create OUTLET` (shown once); here they are seen and revoked."""
    list_display = ["outlet", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["outlet"]
    readonly_fields = ["outlet", "name", "prefix", "digest", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        from django.utils import timezone

        revoked = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("%(n)d key(s) revoked.") % {"n": revoked})


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "healthy", "last_checked_at", "last_success_at", "last_status",
                    "error_count", "paused", "next_check_at"]
    list_filter = ["paused", "kind", "outlet"]
    search_fields = ["url", "title"]
    inlines = [SubscriptionInline]
    readonly_fields = ["interval_seconds", "etag", "last_modified", "last_checked_at", "last_success_at", "last_status",
                       "error_count", "failing_since", "last_new_at", "last_error"]
    actions = [
        reason_action(CheckFeedNow, _("Check the selected feeds now"), ask_reason=False),
        reason_action(ResumeFeed, _("Resume the selected feeds (clear pause and errors)"), ask_reason=False),
        reason_action(PauseFeed, _("Pause the selected feeds")),
    ]

    @admin.display(boolean=True, description=_("healthy"))
    def healthy(self, feed):
        return feed.error_count == 0 and not feed.paused
