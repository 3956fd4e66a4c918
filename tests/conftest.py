"""Shared fixtures. Corpus tests read ../shared/corpus and skip where it is absent."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared evaluation corpus; skips the test with a reason when it is not checked out beside us."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (clone the project beside ../shared to run corpus tests)")
    return CORPUS


@pytest.fixture(autouse=True)
def _fast_fetch(settings):
    """No politeness delays against the tests' own loopback servers."""
    settings.QUANGBA_FETCH = {**settings.QUANGBA_FETCH, "POLITENESS_SECONDS": 0.0}
    from quangba.core.http import forget_robots

    forget_robots()


@pytest.fixture
def partner_server():
    """The sample partner outlets, served over HTTP on loopback (one ephemeral port each)."""
    from quangba.demo.server import PartnerServer

    server = PartnerServer(host="127.0.0.1", base_port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def partners(partner_server, transactional_db):
    """The sample outlets loaded into the database, pointing at `partner_server`."""
    from quangba.demo.partners import load_partners

    return load_partners(partner_server)


@pytest.fixture
def drain_tasks(db):
    """Run the pipeline in this thread, inside the test's transaction: scheduler passes and every
    ready task, until nothing is due or queued (rows waiting for a later retry do not count)."""
    from django.test import TestCase
    from django_tasks_db.models import DBTaskResult

    from quangba.core import scheduler
    from quangba.core.worker import make_worker

    def drain(limit: int = 10_000) -> int:
        worker = make_worker(batch=True, interval=0)
        done = 0
        while done < limit:
            # The test's transaction never commits: run what would follow each commit.
            with TestCase.captureOnCommitCallbacks(execute=True):
                scheduler.tick()
            result = DBTaskResult.objects.ready().order_by("enqueued_at").first()
            if result is None:
                return done
            while result is not None and done < limit:
                result.claim(worker.worker_id)
                with TestCase.captureOnCommitCallbacks(execute=True):
                    worker.run_task(result)
                done += 1
                result = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        return done

    return drain


@pytest.fixture(autouse=True)
def _site_url(settings):
    """The test client's host is the site's address (absolute URLs come from QUANGBA_SITE_URL)."""
    settings.SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _media_dir(settings, tmp_path):
    """Kept pictures go to the test's own directory (served at /media/), fetched without waits."""
    settings.STORAGES = {**settings.STORAGES, "media": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"}}}
    settings.QUANGBA_MEDIA = {**settings.QUANGBA_MEDIA, "POLITENESS_SECONDS": 0.0}


@pytest.fixture(autouse=True)
def _baked_dir(settings, tmp_path):
    """Each test bakes into its own directory, so no test serves another's pages."""
    settings.QUANGBA_BAKED_DIR = tmp_path / "baked"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached pages and rate-limit counters never leak from one test into another."""
    from django.core.cache import cache

    from quangba.web.cache import forget

    cache.clear()
    forget()
    yield
    cache.clear()
    forget()



@pytest.fixture
def outlets(db):
    """Two partner outlets: a Vietnamese one with a logo and an English one."""
    from quangba.sources.models import Outlet

    vi = Outlet.objects.create(name="Báo Sông Hồng", slug="song-hong", homepage="https://songhong.example/",
                               language="vi", logo_url="https://songhong.example/logo.png")
    en = Outlet.objects.create(name="Hanoi Daily", slug="hanoi-daily", homepage="https://hanoidaily.example/",
                               language="en")
    return vi, en


@pytest.fixture
def editor(client):
    """A superuser logged in on `client`: the desk's editor."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user
