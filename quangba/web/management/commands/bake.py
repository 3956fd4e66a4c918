"""`quangba bake`: render every public page to files (after a deploy or a template change)."""
from django.core.management.base import BaseCommand

from quangba.web.bake import baked_root, bake_all


class Command(BaseCommand):
    help = "Bake home, section and article pages to files for the front web server."

    def handle(self, *args, **options):
        count = bake_all()
        self.stdout.write(f"{count} pages baked under {baked_root()}")
