"""Loading the sample partner outlets into the database, pointed at their loopback server."""
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quangba.ingest.push import make_key, receive
from quangba.sources.models import Feed, IngestToken, Outlet

from .feeds import has_source, push_payload
from .outlets import load_outlets


def section_map(outlet) -> dict[str, str]:
    """The outlet's own categories (names and URL path parts) mapped to portal sections."""
    mapping: dict[str, str] = {}
    for category in outlet.categories:
        mapping[category.name] = category.section
        mapping[category.slug] = category.section
    return mapping


@transaction.atomic
def load_partners(server) -> list[Outlet]:
    """Create or update an Outlet and its Feed for every sample outlet served by `server`
    (a running quangba.demo.server.PartnerServer). Idempotent. An outlet that only pushes gets a
    new ingest API key (its earlier demo keys revoked), the server is told where to push, and its
    articles so far are taken as pushes — the same `receive` the API calls, without HTTP, since
    the portal's web server may not run yet."""
    loaded = []
    for sample in load_outlets():
        base = server.base_url(sample.slug)
        outlet, _created = Outlet.objects.update_or_create(
            slug=sample.slug,
            defaults=dict(
                name=sample.name, homepage=base + sample.homepage_path, logo_url=base + sample.logo_path,
                language=sample.language, licence=sample.licence, images_allowed=sample.images_allowed,
                publish=sample.publish, allow_private_addresses=True, section_map=section_map(sample),
            ),
        )
        if not has_source(sample):
            IngestToken.objects.filter(outlet=outlet, name="demo CMS", revoked_at__isnull=True).update(revoked_at=timezone.now())
            _token, key = make_key(outlet, "demo CMS")
            if hasattr(server, "push_to"):  # a PartnerServer that publishes later (not a bench's stand-in)
                server.push_to(sample.slug, settings.SITE_URL.rstrip("/") + reverse("api:ingest"), key)
            for article in sample.articles:
                receive(outlet, push_payload(sample, article, base))
            loaded.append(outlet)
            continue
        feed_url = server.feed_url(sample.slug)
        # The feed row is kept across runs (its ETag and entries); only a moved URL is updated.
        feed = Feed.objects.filter(outlet=outlet).first()
        if feed is None:
            Feed.objects.create(outlet=outlet, url=feed_url, interval_seconds=300)
        elif feed.url != feed_url:
            feed.url = feed_url
            feed.save(update_fields=["url"])
        loaded.append(outlet)
    return loaded
