"""`quangba poll`: poll every due feed now and ingest what they list, then exit."""
from django.core.management.base import BaseCommand

from quangba.core.scheduler import run_until_idle
from quangba.core.stages import send
from quangba.sources.models import Feed


class Command(BaseCommand):
    help = "Poll feeds now (all, or those of --outlet) and run the pipeline until it is idle."

    def add_arguments(self, parser):
        parser.add_argument("--outlet", help="Only this outlet's feeds (slug).")
        parser.add_argument("--timeout", type=float, default=600)

    def handle(self, *args, outlet, timeout, **options):
        feeds = Feed.objects.filter(paused=False)
        if outlet:
            feeds = feeds.filter(outlet__slug=outlet)
        send("poll", feeds.values_list("pk", flat=True))
        idle = run_until_idle(timeout=timeout)
        self.stdout.write("done" if idle else "timed out with work left")
