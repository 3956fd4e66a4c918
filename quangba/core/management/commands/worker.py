"""`quangba worker`: the task worker and the scheduler in one process."""
from django.core.management.base import BaseCommand

from quangba.core.scheduler import SchedulerThread
from quangba.core.worker import make_worker


class Command(BaseCommand):
    help = "Run the background task worker and the scheduler of the chain of stages in one process."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between queue checks.")
        parser.add_argument("--tick", type=float, default=5.0, help="Seconds between scheduler passes.")
        parser.add_argument("--no-scheduler", action="store_true",
                            help="Only run tasks (when another process schedules).")

    def handle(self, *args, interval, tick, no_scheduler, **options):
        scheduler = None
        if not no_scheduler:
            scheduler = SchedulerThread(interval=tick)
            scheduler.start()
        worker = make_worker(batch=False, interval=interval)
        worker.configure_signals()
        self.stdout.write(f"worker {worker.worker_id} running" + ("" if no_scheduler else " with the scheduler"))
        try:
            worker.run()
        finally:
            if scheduler:
                scheduler.stop()
