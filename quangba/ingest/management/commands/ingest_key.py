"""`quangba ingest_key create|list|revoke`: the partners' keys to the ingest API."""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from quangba.ingest.push import make_key
from quangba.sources.models import IngestToken, Outlet


class Command(BaseCommand):
    help = "Make, list or revoke an outlet's keys to the ingest API (POST /api/v1/ingest/)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="A new key for an outlet; printed once, only its hash is kept.")
        create.add_argument("outlet", help="The outlet's slug.")
        create.add_argument("--name", default="CMS", help="Who uses it.")
        commands.add_parser("list", help="The keys, by their first characters.")
        revoke = commands.add_parser("revoke", help="Revoke the key that starts with PREFIX.")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        if action == "create":
            outlet = Outlet.objects.filter(slug=options["outlet"]).first()
            if outlet is None:
                raise CommandError(f"no outlet {options['outlet']!r}")
            _token, key = make_key(outlet, options["name"])
            self.stdout.write(f"Key for {outlet.name} ({options['name']}); it is not shown again:")
            self.stdout.write(key)
        elif action == "list":
            for token in IngestToken.objects.select_related("outlet"):
                state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "in use"
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
                self.stdout.write(f"{token.prefix}…  {token.outlet.slug}  {token.name}  {state}  last used: {used}")
        else:
            revoked = IngestToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True) \
                .update(revoked_at=timezone.now())
            if not revoked:
                raise CommandError(f"no key in use starts with {options['prefix']!r}")
            self.stdout.write(f"{revoked} key revoked")
