"""`quangba demo`: the whole platform on its embedded defaults, with the sample partners."""
import os
import secrets
import signal
import subprocess
import threading
import time
import urllib.request

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.db.migrations.loader import MigrationLoader
from django_tasks.signals import task_finished
from tqdm import tqdm

from quangba.articles.models import Article, ArticleTranslation
from quangba.core.models import Handoff
from quangba.core.scheduler import SchedulerThread, run_until_idle
from quangba.core.stages import send
from quangba.core.worker import WorkerThread
from quangba.demo.partners import load_partners
from quangba.demo.server import PartnerServer
from quangba.ingest.models import Entry
from quangba.sources.models import Feed
from quangba.web.front import granian_command


class Command(BaseCommand):
    help = ("Migrate, load the sample partner outlets, ingest them over HTTP, then serve the site "
            "with the task worker and the scheduler running in this process.")

    def add_arguments(self, parser):
        parser.add_argument("--addr", default=settings.QUANGBA_DEMO["ADDR"])
        parser.add_argument("--partner-port", type=int, default=settings.QUANGBA_DEMO["PARTNER_PORT"],
                            help="First port of the sample outlets' loopback server (one port per outlet); "
                                 "0 gives each outlet a free port.")
        parser.add_argument("--no-serve", action="store_true", help="Stop after the ingest.")

    def handle(self, *args, addr, partner_port, no_serve, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        if "QUANGBA_SITE_URL" not in os.environ:
            settings.SITE_URL = f"http://{addr}"  # the address readers reach, for baked pages' links
        self._check_database()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        # The sample outlets are our own loopback servers: no need to space requests a second apart.
        settings.QUANGBA_FETCH = {**settings.QUANGBA_FETCH, "POLITENESS_SECONDS": 0.02}
        # The hub verifies a subscription at the site's callback: subscribe once the site serves.
        websub_on = settings.QUANGBA_PIPELINE["WEBSUB"]
        settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "WEBSUB": False}
        server = PartnerServer(host="127.0.0.1", base_port=partner_port)
        server.start()
        try:
            outlets = load_partners(server)
            self.stdout.write(f"Sample partners: {len(outlets)} outlets on "
                              f"{server.base_url(outlets[0].slug)} and the following ports")
            password = self._admin()
            self._ingest()
            published = Article.objects.published().count()
            self.stdout.write(self.style.SUCCESS(
                f"{published} articles published, {Article.objects.count()} in all, "
                f"{Entry.objects.filter(state=Entry.State.FAILED).count()} entries failed."))
            if no_serve:
                return
            self.stdout.write(self.style.SUCCESS(f"\n  Site:   http://{addr}/\n  Admin:  http://{addr}/admin/"
                                                 f"  (user: admin, password: {password})\n"
                                                 f"  Desk:   http://{addr}/desk/  (the same login)\n"))
            self._serve(addr, websub_on)
        finally:
            server.stop()

    def _check_database(self) -> None:
        """A database an earlier, incompatible version of quangba wrote (its migrations are no
        longer in the code) is refused with what to do, not half-migrated."""
        loader = MigrationLoader(connection)
        unknown = sorted(f"{app}.{name}" for app, name in loader.applied_migrations
                         if app in loader.migrated_apps and (app, name) not in loader.disk_migrations)
        if unknown:
            raise CommandError(
                f"{settings.DATABASES['default']['NAME']} was written by an earlier version of quangba "
                f"(migrations {', '.join(unknown[:4])} are gone). Remove {settings.VAR_DIR} (or set "
                "QUANGBA_VAR_DIR to a new folder) and run `make demo` again.")

    def _admin(self) -> str:
        """The demo's admin account; its password is kept under the var directory across runs."""
        secret_file = settings.VAR_DIR / "demo-admin-password.txt"
        if secret_file.exists():
            password = secret_file.read_text().strip()
        else:
            password = settings.QUANGBA_DEMO["ADMIN_PASSWORD"] or secrets.token_urlsafe(12)
            secret_file.write_text(password + "\n")
            secret_file.chmod(0o600)
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is None:
            User.objects.create_superuser("admin", "admin@example.org", password)
        elif not user.check_password(password):
            user.set_password(password)
            user.save()
        return password

    def _ingest(self) -> None:
        send("poll", Feed.objects.filter(paused=False).values_list("pk", flat=True))
        bar = tqdm(desc="Ingesting", unit="article", total=0, dynamic_ncols=True)

        def progress():
            total = Entry.objects.count()
            settled = Entry.objects.exclude(state=Entry.State.PENDING).count()
            waiting = Handoff.objects.filter(due_at__isnull=False).count() + ArticleTranslation.objects.filter(
                status=ArticleTranslation.Status.PENDING).count()
            if (total, settled, waiting) != (bar.total, bar.n, getattr(bar, "waiting", None)):
                bar.total, bar.n, bar.waiting = total, settled, waiting
                # After the articles come filing, stories, translations, publishing and baking.
                bar.set_postfix_str(f"{waiting} in later stages" if waiting else "done", refresh=False)
                bar.refresh()

        def on_finished(sender, **kwargs):
            progress()

        task_finished.connect(on_finished, weak=False)
        try:
            run_until_idle(timeout=900, progress=progress)
            progress()
        finally:
            task_finished.disconnect(on_finished)
            bar.close()

    def _subscribe(self, addr: str, websub_on: bool) -> None:
        """When the site answers, feeds naming a hub are checked again, and subscribed to."""
        if not websub_on:
            return
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://{addr}/robots.txt", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "WEBSUB": True}
        send("poll", Feed.objects.filter(paused=False, kind=Feed.Kind.POLLED).values_list("pk", flat=True))
        close_old_connections()

    def _serve(self, addr: str, websub_on: bool = True) -> None:
        """The embedded web server serves the site (`quangba serve`: granian, the ASGI front,
        static files from granian's own mount, baked pages through the middleware); the worker and
        the scheduler run in this process."""
        server = subprocess.Popen(granian_command(addr), env={
            "QUANGBA_SITE_URL": f"http://{addr}", **os.environ, "DJANGO_SETTINGS_MODULE": "quangba.settings",
            "QUANGBA_VAR_DIR": str(settings.VAR_DIR)})
        # A pass a second: a takedown from the command line is on every page within seconds.
        worker, scheduler = WorkerThread(), SchedulerThread(interval=1.0)
        worker.start()
        scheduler.start()
        threading.Thread(target=self._subscribe, args=(addr, websub_on), daemon=True).start()

        def stop(signum, frame):
            raise KeyboardInterrupt  # a `kill`, a closed terminal: stop the server too, as Ctrl-C does

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
        try:
            server.wait()
        except KeyboardInterrupt:
            self.stdout.write("\nstopping…")
        finally:
            server.terminate()
            server.wait(timeout=10)
            worker.stop()
            scheduler.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
