"""Bytes for the demo outlets' pictures, logos and video clips, generated on the fly.

Everything is deterministic: the same name and size always give the same bytes, so ETags and
content hashes stay stable across runs and machines. Standard library only.
"""
import hashlib
import struct
import zlib
from functools import lru_cache
from html import escape

# Palettes per scene: sky top, sky horizon, far hills, near ground/water, accent (sun, lanterns, roofs).
SCENES = {
    "city": ((120, 170, 215), (226, 214, 190), (150, 150, 160), (88, 92, 100), (246, 196, 92)),
    "sea": ((70, 150, 215), (200, 228, 240), (90, 130, 110), (30, 110, 160), (255, 236, 160)),
    "mountain": ((110, 160, 210), (220, 232, 236), (70, 110, 90), (110, 140, 70), (255, 250, 220)),
    "field": ((140, 190, 230), (236, 232, 200), (90, 140, 90), (190, 170, 60), (255, 230, 140)),
    "festival": ((40, 30, 90), (200, 80, 60), (90, 40, 50), (120, 30, 30), (255, 200, 60)),
    "night": ((10, 20, 50), (60, 60, 110), (30, 35, 60), (20, 30, 50), (255, 220, 120)),
    "river": ((130, 180, 220), (230, 230, 210), (80, 120, 80), (90, 140, 150), (250, 220, 150)),
    "heritage": ((150, 180, 210), (240, 220, 180), (120, 100, 80), (170, 120, 70), (190, 60, 40)),
    "portrait": ((200, 190, 170), (235, 225, 205), (160, 120, 100), (90, 70, 60), (230, 180, 150)),
    "product": ((235, 235, 225), (250, 248, 240), (200, 190, 170), (170, 150, 120), (120, 160, 60)),
    "train": ((150, 180, 210), (220, 225, 230), (130, 130, 140), (80, 80, 90), (40, 120, 200)),
    "market": ((120, 170, 210), (240, 225, 190), (70, 120, 80), (100, 130, 140), (220, 90, 60)),
}


def _seed(name: str) -> bytes:
    return hashlib.sha256(name.encode("utf-8")).digest()


def _mix(a, b, t):
    return bytes(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _shift(color, amount):
    return tuple(max(0, min(255, c + amount)) for c in color)


@lru_cache(maxsize=512)
def png(name: str, scene: str, width: int, height: int) -> bytes:
    """A landscape-like PNG for `name`: sky, sun, hills, ground and a few blocks, drawn by spans."""
    seed = _seed(name)
    sky, horizon, hills, ground, accent = SCENES.get(scene, SCENES["city"])
    jitter = seed[0] % 40 - 20
    hills, ground = _shift(hills, jitter), _shift(ground, seed[1] % 30 - 15)
    horizon_y = int(height * (0.52 + (seed[2] % 16) / 100))
    sun_x, sun_y = int(width * (0.15 + (seed[3] % 70) / 100)), int(horizon_y * (0.25 + (seed[4] % 40) / 100))
    sun_r = max(4, int(min(width, height) * (0.05 + (seed[5] % 6) / 100)))
    peaks = [(int(width * (seed[6 + i] / 255)), int(horizon_y * (0.35 + (seed[9 + i] % 35) / 100)),
              int(width * (0.18 + (seed[12 + i] % 20) / 100))) for i in range(3)]
    blocks = [(int(width * (seed[15 + i] / 255)), int(width * 0.04) + seed[18 + i] % 30,
               int(height * (0.08 + (seed[1 + i] % 20) / 100))) for i in range(3)]
    rows = []
    for y in range(height):
        if y < horizon_y:
            row = bytearray(_mix(sky, horizon, y / horizon_y) * width)
        else:
            shade = (y - horizon_y) / max(1, height - horizon_y)
            row = bytearray(_mix(ground, _shift(ground, -40), shade) * width)
        dy = y - sun_y
        if abs(dy) < sun_r:
            half = int((sun_r * sun_r - dy * dy) ** 0.5)
            x0, x1 = max(0, sun_x - half), min(width, sun_x + half)
            row[x0 * 3:x1 * 3] = bytes(accent) * (x1 - x0)
        for px, py, half_base in peaks:
            if py <= y < horizon_y:
                half = int(half_base * (y - py) / max(1, horizon_y - py))
                x0, x1 = max(0, px - half), min(width, px + half)
                row[x0 * 3:x1 * 3] = bytes(hills) * (x1 - x0)
        for bx, bw, bh in blocks:
            if horizon_y - bh <= y < horizon_y + bh // 3:
                x0, x1 = max(0, bx), min(width, bx + bw)
                row[x0 * 3:x1 * 3] = bytes(_shift(accent, -60)) * (x1 - x0)
        rows.append(b"\x00" + bytes(row))
    return _png_bytes(width, height, b"".join(rows))


def _png_bytes(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def logo_svg(name: str, color: str) -> bytes:
    """The outlet's masthead as a small SVG wordmark, as wide as its name needs."""
    width = max(120, 24 + 12 * len(name))  # about 12 px a letter at 20 px Georgia bold
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="48" viewBox="0 0 {width} 48">'
        f'<rect width="{width}" height="48" rx="6" fill="{escape(color)}"/>'
        f'<text x="{width // 2}" y="31" font-family="Georgia, serif" font-size="20" font-weight="bold" '
        f'fill="#fff" text-anchor="middle">{escape(name)}</text></svg>'
    ).encode("utf-8")


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


@lru_cache(maxsize=64)
def mp4(name: str, duration_s: int) -> bytes:
    """A tiny ISO-BMFF (MP4) file: ftyp + moov/mvhd carrying the clip's duration, no samples."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 0x200) + b"isomiso2avc1mp41")
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = _box(b"mvhd", struct.pack(">B3xIIII", 0, 0, 0, 1000, duration_s * 1000)
                + struct.pack(">IH10x", 0x10000, 0x100) + matrix + b"\x00" * 24 + struct.pack(">I", 1))
    note = _box(b"free", ("quangba demo clip: " + name).encode("utf-8"))
    return ftyp + _box(b"moov", mvhd) + note
