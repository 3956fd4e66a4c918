"""Pages that are not the article: a bot challenge ("Just a moment…", "Checking your browser"), a
login wall, or a paywalled teaser. Each is told by a marker the page carries *and* a body too
short to be the article, because markers alone mislead: Cloudflare injects its challenge script
into ordinary pages, outlets style a paywall in every page's CSS (VnExpress), tag articles
`data-premium='False'` (VietNamNet) or `isAccessibleForFree: false` while serving the whole text
(Folha, The New York Times). A wall found is the ingest's business: the page is not stored as the
article."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Bot challenges (Cloudflare, DDoS-Guard, Imperva/Incapsula, DataDome, PerimeterX, Sucuri,
# Vietnamese CDN walls): markers in the markup or the title.
_CHALLENGE_TITLES = re.compile(
    r"^\s*(just a moment|attention required|checking your browser|please wait|ddos-guard|access denied|"
    r"are you a robot|verify you are human|one more step|security check|vui lòng (chờ|đợi)|"
    r"đang kiểm tra trình duyệt)", re.I)
_CHALLENGE_MARKS = re.compile(
    r"cf-browser-verification|cf_chl_opt|challenges\.cloudflare\.com/turnstile|id=\"challenge-form\"|"
    r"checking your browser before accessing|enable javascript and cookies to continue|ddos-guard|"
    r"_incapsula_resource|captcha-delivery\.com|px-captcha|sucuri website firewall|"
    r"unusual traffic from your computer network|đang kiểm tra trình duyệt", re.I)
# Paywalls and login walls: words a reader is shown in place of the rest of the article.
_WALL_WORDS = re.compile(
    r"đăng nhập để (đọc|xem) (tiếp|toàn bộ|bài)|đăng ký (gói|tài khoản|thành viên) để (đọc|xem)|"
    r"nội dung (này )?(dành riêng )?cho (thành viên|hội viên|tài khoản) (trả phí|premium|vip)|"
    r"bài viết (dành )?cho (thành viên|hội viên)|"
    r"subscribe (now )?to (continue|keep) reading|subscribers? only|for subscribers|"
    r"already a subscriber|sign in to (continue|read)|log ?in to (continue|read)|"
    r"create a free account to (continue|read)|this (article|content) is (for|available to) (paid )?subscribers",
    re.I)
_NOT_FREE = re.compile(r"\"isAccessibleForFree\"\s*:\s*(false|\"false\")|itemprop=\"isAccessibleForFree\"\s+content=\"false\"", re.I)
_PASSWORD = re.compile(r"<input[^>]+type=[\"']?password", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_SCRIPTS_STYLES = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.I | re.S)

CHALLENGE_WORDS = 150  # a challenge page says a sentence or two
TEASER_WORDS = 120  # a teaser is a paragraph or two; a short real article is still held by confidence


@dataclass(frozen=True)
class Wall:
    kind: str  # "challenge", "login" or "paywall"
    reason: str

    @property
    def passes(self) -> bool:
        """Whether it may go away by itself (a challenge does; a paywall does not)."""
        return self.kind == "challenge"


def find_wall(html: str, body_text: str) -> Wall | None:
    """The wall `html` shows instead of its article (whose extracted text is `body_text`), if any."""
    words = len(body_text.split())
    markup = _SCRIPTS_STYLES.sub(" ", html)  # CSS and scripts name paywalls on every page
    title = _TITLE.search(html)
    title_text = " ".join(title.group(1).split()) if title else ""
    if words < CHALLENGE_WORDS:
        if _CHALLENGE_TITLES.search(title_text):
            return Wall("challenge", f"a bot challenge, not the article (title {title_text[:80]!r})")
        mark = _CHALLENGE_MARKS.search(html)
        if mark:
            return Wall("challenge", f"a bot challenge, not the article ({mark.group(0)[:60]!r} and {words} words)")
    if words >= TEASER_WORDS:
        return None
    said = _WALL_WORDS.search(markup)
    if _PASSWORD.search(markup) and (said or words < 40):
        return Wall("login", f"a login wall, not the article ({words} words beside a password field)")
    if said:
        return Wall("paywall", f"a paywalled teaser: {words} words and {said.group(0)[:60]!r}")
    if _NOT_FREE.search(html) and _paywalled_part(html):
        return Wall("paywall", f"a paywalled teaser: {words} words of an article marked not free to read")
    return None


def _paywalled_part(html: str) -> bool:
    """JSON-LD `hasPart` with `isAccessibleForFree: false` (Google's paywall markup) names the
    hidden part of the article; on its own, "not free" only says the article sits behind a
    paywall for people, which crawlers with an agreement may pass."""
    for block in re.findall(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html, re.I | re.S):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for node in data if isinstance(data, list) else [data]:
            part = node.get("hasPart") if isinstance(node, dict) else None
            for item in part if isinstance(part, list) else [part]:
                if isinstance(item, dict) and str(item.get("isAccessibleForFree")).lower() == "false":
                    return True
    return False
