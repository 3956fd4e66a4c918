"""`quangba serve`: the embedded web server (granian with the ASGI front; see quangba.web.front)."""
import os

from django.core.management.base import BaseCommand

from quangba.web.front import granian_command


class Command(BaseCommand):
    help = "Serve the site with granian: request bodies buffered with a time limit and a size cap, static files mounted."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=1, help="granian worker processes.")

    def handle(self, *args, addr, workers, **options):
        command = granian_command(addr, workers=workers)
        os.execv(command[0], command)
