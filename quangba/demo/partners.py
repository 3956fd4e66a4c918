"""Loading the sample partner outlets into the database, pointed at their loopback server."""
from django.db import transaction

from quangba.sources.models import Feed, Outlet

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
    (a running quangba.demo.server.PartnerServer). Idempotent."""
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
