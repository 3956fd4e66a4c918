"""POST /api/v1/ingest/: a partner outlet pushes an article (or a URL to fetch now) with its own
key. The key names the outlet: nothing sent can touch another outlet's articles."""
import json

from django.conf import settings
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from quangba.core.ratelimit import hit
from quangba.ingest.push import Refused, receive, token_for
from quangba.sources.models import IngestToken

from .responses import error, json_response


def _refused(message: str, status: int, **headers):
    response = error(message, status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    response["Cache-Control"] = "no-store"
    return response


def _key(request) -> str:
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


@csrf_exempt
def ingest(request):
    """Take one push; 202 with the entry when it goes down the chain, 200 when it repeats what
    was sent already. Errors: 400 (what is wrong), 401 (no or bad key), 403 (another outlet's
    article, or an outlet not active), 405, 413, 415, 429 (with Retry-After)."""
    if request.method != "POST":
        return _refused("Send articles with POST.", 405, Allow="POST")
    token = token_for(_key(request))
    if token is None:
        return _refused("An ingest API key is needed: 'Authorization: Bearer <key>' (unknown or revoked key).",
                        401, WWW_Authenticate='Bearer realm="ingest"')
    if not token.outlet.active:
        return _refused(f"{token.outlet.name} is not active on the portal.", 403)
    conf = settings.QUANGBA_PIPELINE
    if not hit(f"push:{token.pk}", conf["PUSH_PER_MINUTE"], 60):
        return _refused(f"More than {conf['PUSH_PER_MINUTE']} pushes a minute with this key; try again shortly.",
                        429, Retry_After="60")
    if request.content_type != "application/json":
        return _refused("Send the article as application/json.", 415)
    declared = request.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > conf["MAX_FEED_BYTES"]:
        return _refused(f"An article is at most {conf['MAX_FEED_BYTES']:,} bytes.", 413)
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError) as exc:
        return _refused(f"The body is not JSON: {exc}", 400)
    try:
        entry, action = receive(token.outlet, data)
    except Refused as exc:
        return _refused(str(exc), exc.status)
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        IngestToken.objects.filter(pk=token.pk).update(last_used_at=now)
    response = json_response({"entry": entry.pk, "url": entry.url, "action": action, "state": entry.state,
                              "fetch": entry.payload is None}, status=200 if action == "unchanged" else 202)
    response["Cache-Control"] = "no-store"
    return response
