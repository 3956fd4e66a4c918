"""The embedded server's ASGI application (granian): Django behind the front that reads request
bodies in full, within a time limit and a size cap, before a thread is given to Django."""
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from quangba.web.front import Front

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quangba.settings")
application = Front(get_wsgi_application(), threads=settings.QUANGBA_WEB["THREADS"],
                    body_timeout=settings.QUANGBA_WEB["BODY_TIMEOUT"], max_body=settings.QUANGBA_WEB["MAX_BODY_BYTES"])
