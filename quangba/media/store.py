"""Keeping a partner's picture: fetched through the guarded client, checked, re-encoded into
renditions, written to the media storage (`STORAGES["media"]`: the filesystem under var/media by
default, S3-compatible object storage through django-storages at scale) under content-hashed
names, and recorded once per distinct file (`MediaFile`, by the SHA-256 of its bytes).

Names never change for given bytes (and a card crop's name carries its focal point), so media is
served with a year's cache lifetime and a changed crop is a new name."""
from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from quangba.core.http import GuardedClient

from . import pictures
from .addresses import storage
from .models import MediaFile

log = logging.getLogger(__name__)

CARD_RATIO = 16 / 9


def conf() -> dict:
    return settings.QUANGBA_MEDIA


def client(allow_private: bool) -> GuardedClient:
    options = conf()
    return GuardedClient.from_settings(allow_private=allow_private, max_bytes=options["MAX_BYTES"],
                                       politeness=options["POLITENESS_SECONDS"])


def base_name(digest: str) -> str:
    return f"{digest[:2]}/{digest[2:4]}/{digest[4:24]}"


def focal_tag(focal: tuple[float, float] | None) -> str:
    return "auto" if focal is None else f"{round(focal[0] * 100):02d}{round(focal[1] * 100):02d}"


def _write(name: str, data: bytes) -> None:
    store = storage()
    if not store.exists(name):  # the same bytes give the same name: never written twice
        saved = store.save(name, ContentFile(data))
        if saved != name:  # a storage that renamed it would break the content-hashed address
            raise RuntimeError(f"the media storage wrote {name} as {saved}")


def render_card(picture: pictures.Picture, digest: str, focal) -> list[dict]:
    """The card crops (16:9 around the focal point) written; their rendition entries."""
    entries = []
    tag = focal_tag(focal)
    for item in pictures.render(picture, widths=conf()["CARD_WIDTHS"], variant="card", ratio=CARD_RATIO,
                                focal=focal):
        name = f"{base_name(digest)}/card-{tag}-{item.width}.{item.format}"
        _write(name, item.data)
        entries.append({"v": "card", "w": item.width, "h": item.height, "f": item.format, "n": name,
                        "b": len(item.data)})
    return entries


def render_all(picture: pictures.Picture, digest: str, focal=None) -> list[dict]:
    """Every rendition of `picture` written to the storage; their entries for `MediaFile.renditions`."""
    if picture.format == "svg":
        name = f"{base_name(digest)}/logo.svg"
        _write(name, picture.svg)
        return [{"v": "full", "w": picture.width, "h": picture.height, "f": "svg", "n": name, "b": len(picture.svg)}]
    entries = []
    for item in pictures.render(picture, widths=conf()["WIDTHS"]):
        name = f"{base_name(digest)}/full-{item.width}.{item.format}"
        _write(name, item.data)
        entries.append({"v": "full", "w": item.width, "h": item.height, "f": item.format, "n": name,
                        "b": len(item.data)})
    if picture.kind == pictures.PHOTO:
        entries += render_card(picture, digest, focal)
    return entries


def keep(url: str, *, kind: str = pictures.PHOTO, fetcher: GuardedClient) -> MediaFile:
    """The kept picture at `url`: fetched, and if these bytes are new, checked and rendered.
    Raises FetchError (transient or not) or pictures.NotAPicture."""
    return keep_bytes(fetcher.get(url).content, url=url, kind=kind)


def keep_bytes(data: bytes, *, url: str, kind: str = pictures.PHOTO) -> MediaFile:
    """The kept picture of `data` (fetched from `url`): known bytes are not checked or rendered
    again. Raises pictures.NotAPicture."""
    digest = hashlib.sha256(data).hexdigest()
    known = MediaFile.objects.filter(digest=digest).first()
    if known is not None and known.renditions:
        return known
    picture = pictures.open_picture(data, kind=kind, max_pixels=conf()["MAX_PIXELS"])
    renditions = render_all(picture, digest)
    values = dict(kind=kind, format=picture.format, width=picture.width, height=picture.height, size=len(data),
                  placeholder=pictures.placeholder(picture.image) if picture.image is not None else "",
                  renditions=renditions, source_url=url[:1000])
    if known is not None:  # its files were released (a takedown) and are back
        MediaFile.objects.filter(pk=known.pk).update(**values)
        known.refresh_from_db()
        return known
    try:
        with transaction.atomic():
            return MediaFile.objects.create(digest=digest, **values)
    except IntegrityError:  # another worker kept the same bytes at the same moment
        return MediaFile.objects.get(digest=digest)


def set_focal(media: MediaFile, x: float | None, y: float | None) -> MediaFile:
    """An editor's focal point: the card crops are rendered again around it (new names); the old
    crops' files go."""
    focal = None if x is None or y is None else (min(1.0, max(0.0, x)), min(1.0, max(0.0, y)))
    if media.format == "svg" or media.kind != MediaFile.Kind.PHOTO or not media.renditions:
        raise ValueError("only a kept photo has card crops")
    largest = max((r for r in media.renditions if r["v"] == "full"), key=lambda r: (r["w"], r["f"] != "avif"))
    with storage().open(largest["n"], "rb") as handle:
        picture = pictures.open_picture(handle.read(), max_pixels=conf()["MAX_PIXELS"])
    new = render_card(picture, media.digest, focal)
    old = [r["n"] for r in media.renditions if r["v"] == "card" and r["n"] not in {e["n"] for e in new}]
    media.renditions = [r for r in media.renditions if r["v"] != "card"] + new
    media.focal_x, media.focal_y = focal if focal else (None, None)
    media.save(update_fields=["renditions", "focal_x", "focal_y"])
    transaction.on_commit(lambda: delete_files(old))
    return media


def delete_files(names: list[str]) -> None:
    store = storage()
    for name in names:
        try:
            store.delete(name)
        except Exception:  # noqa: BLE001 - a file already gone, or a storage hiccup: logged, not fatal
            log.warning("could not delete media file %s", name, exc_info=True)
