"""The comment form and its anti-abuse checks (honeypot, time trap, link and length limits)."""
import re
import secrets
import time
import unicodedata

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 3000
MAX_LINKS = 2
MIN_SECONDS = 3  # humans take longer than this to read and write
MAX_AGE = 24 * 3600
# Links in every disguise a spammer tries (after NFKC, so full-width ｈｔｔｐ： is http:): any scheme-ish
# word before "://" (hxxp, h t t p…), protocol-relative "//host", "www." and bare domains.
_TLDS = ("com|net|org|info|biz|vn|xyz|top|io|co|me|us|uk|ru|cn|tk|ml|ga|cf|gq|site|online|club|shop|store|app|dev|"
         "ly|link|click|live|win|bid|icu|pw|cc|tv|ws|asia|today|news|space|website|fun|vip")
_LINK = re.compile(rf"\b[a-z][\w.+-]{{0,9}}\s*:\s*//|(?<![\w/])//[\w-]+\.|www\s*\.|"
                   rf"\b[a-z0-9][\w-]*(?:\.[a-z0-9][\w-]*)*\s*\.\s*(?:{_TLDS})\b", re.I)
# Control characters (but new lines and tabs) and the marks that reverse or isolate text direction.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def plain(text: str) -> str:
    """Text as people typed it, without the characters that hide or reverse it (NFKC folds
    full-width and other look-alike forms)."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text or ""))
_SIGNER = signing.TimestampSigner(salt="quangba.comments.form")


def form_token() -> str:
    """A signed timestamp put in the form when it is rendered (the time trap), with a nonce: each
    form's token is its own, spent by the comment it sends."""
    return _SIGNER.sign(f"{int(time.time())}.{secrets.token_hex(6)}")


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    email = forms.EmailField(label=_("E-mail (never shown)"), max_length=254)
    text = forms.CharField(label=_("Comment"), max_length=MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))
    # Left empty by people; bots fill every field they see.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    token = forms.CharField(widget=forms.HiddenInput)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This field must be left empty."), code="honeypot")
        return ""

    def clean_token(self):
        try:
            _SIGNER.unsign(self.cleaned_data["token"], max_age=MAX_AGE)
            issued = int(_SIGNER.unsign(self.cleaned_data["token"]).split(".")[0])
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(_("The form has expired; please reload the page."), code="token")
        if time.time() - issued < MIN_SECONDS:
            raise forms.ValidationError(_("That was quick. Please take a moment and send again."), code="too_fast")
        return self.cleaned_data["token"]

    def use_token(self) -> bool:
        """Spend the form's token: a form sends one comment (False when it already sent one)."""
        return cache.add(f"comment-token:{self.cleaned_data['token']}", 1, timeout=MAX_AGE + 60)

    def clean_name(self):
        name = " ".join(plain(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Please give a name."), code="required")
        return name

    def clean_text(self):
        text = plain(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError(_("Please write a comment."), code="required")
        if len(_LINK.findall(text)) > MAX_LINKS:
            raise forms.ValidationError(
                _("Please include at most %(n)d links.") % {"n": MAX_LINKS}, code="links")
        return text
