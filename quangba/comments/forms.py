"""The comment form and its anti-abuse checks (honeypot, time trap, link and length limits)."""
import re
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 3000
MAX_LINKS = 2
MIN_SECONDS = 3  # humans take longer than this to read and write
MAX_AGE = 24 * 3600
_LINK = re.compile(r"https?://|www\.", re.I)
_SIGNER = signing.TimestampSigner(salt="quangba.comments.form")


def form_token() -> str:
    """A signed timestamp put in the form when it is rendered (the time trap)."""
    return _SIGNER.sign(str(int(time.time())))


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
            issued = int(_SIGNER.unsign(self.cleaned_data["token"]))
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(_("The form has expired; please reload the page."), code="token")
        if time.time() - issued < MIN_SECONDS:
            raise forms.ValidationError(_("That was quick. Please take a moment and send again."), code="too_fast")
        return self.cleaned_data["token"]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(_LINK.findall(text)) > MAX_LINKS:
            raise forms.ValidationError(
                _("Please include at most %(n)d links.") % {"n": MAX_LINKS}, code="links")
        return text
