"""Posting a comment: validated, rate-limited, moderated; the reader is told what happened."""
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import get_language, gettext as _, override
from django.views.decorators.http import require_GET, require_POST

from quangba.articles.localize import languages_of, localize
from quangba.web.errors import error_page
from quangba.articles.models import Article
from quangba.core.security import client_ip

from .actions import ApproveComment
from .forms import CommentForm, form_token
from .models import Comment
from quangba.core.ratelimit import hit


def _article(pk):
    """The article as readable in the current language (original or published translation)."""
    article = get_object_or_404(Article.objects.published().select_related("outlet"), pk=pk)
    if localize(article, get_language()).shown_language != get_language():
        raise Http404
    return article


def _page(request, article, form, status=200):
    """The comment page; its language switcher names only the languages the article is read in."""
    alternates = []
    for code in languages_of(article):
        with override(code):
            alternates.append((code, reverse("comments:form", kwargs={"pk": article.pk})))
    return render(request, "comments/form.html", {"article": article, "form": form, "alternates": alternates},
                  status=status)


@require_GET
def comment_form(request, pk):
    """The form lives on its own dynamic page: article pages are baked and carry no CSRF token."""
    return _page(request, _article(pk), CommentForm(initial={"token": form_token()}))


TRUST_COOKIE = "quangba_commenter"
_TRUST = signing.TimestampSigner(salt="quangba.comments.trust")


def _refused(request, article):
    conf = settings.QUANGBA_COMMENTS
    response = render(request, "comments/refused.html", {"article": article}, status=429)
    response["Retry-After"] = str(conf["WINDOW"])
    return response


def _trusted(request, email: str) -> bool:
    """A reader is trusted when this browser wrote a comment a moderator approved, under the same
    address: knowing someone's address is not enough."""
    try:
        comment_id = int(_TRUST.unsign(request.COOKIES.get(TRUST_COOKIE, ""), max_age=365 * 86400))
    except (signing.BadSignature, ValueError):
        return False
    return Comment.objects.filter(pk=comment_id, status=Comment.Status.APPROVED, email__iexact=email).exists()


@require_POST
def post_comment(request, pk):
    article = _article(pk)
    conf = settings.QUANGBA_COMMENTS
    # Every attempt counts against the address; only comments that pass count against the article,
    # so a bot's rejected posts cannot close an article to its readers.
    if not hit(f"ip:{client_ip(request)}", conf["PER_IP"], conf["WINDOW"]):
        return _refused(request, article)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render(request, "comments/invalid.html", {"article": article, "form": form}, status=400)
    if not form.use_token():
        form.add_error("token", forms.ValidationError(_("This form was already sent; please reload the page."),
                                                      code="used"))
        return render(request, "comments/invalid.html", {"article": article, "form": form}, status=400)
    if not hit(f"article:{article.pk}", conf["PER_ARTICLE"], conf["WINDOW"]):
        return _refused(request, article)
    data = form.cleaned_data
    comment = Comment.objects.create(
        article=article, language=get_language(), name=data["name"], email=data["email"], text=data["text"],
        ip_address=client_ip(request) or None, status=Comment.Status.PENDING,
    )
    response = HttpResponseRedirect(request.path)
    # The form page after the redirect shows what was sent (as the reader wrote it, for them only).
    messages.add_message(request, messages.INFO, data["text"], extra_tags="sent")
    if _trusted(request, data["email"]):
        ApproveComment(comment, reason="this browser's earlier comment was approved", automatic=True).run()
        messages.success(request, _("Thank you, your comment is published."))
    else:
        messages.info(request, _("Thank you, your comment will appear once a moderator has read it."))
        # Once a moderator approves this one, this browser's next comments under the address are trusted.
        response.set_cookie(TRUST_COOKIE, _TRUST.sign(str(comment.pk)), max_age=365 * 86400, httponly=True,
                            samesite="Lax", secure=request.is_secure())
    return response


def comment(request, pk):
    """GET: the comment form for an article; POST: send a comment."""
    return post_comment(request, pk) if request.method == "POST" else comment_form(request, pk)


def csrf_failure(request, reason=""):
    """A comment whose form went stale (the CSRF check failed: cookies cleared, the page left open
    too long) is shown again with what the reader wrote and a fresh form to send it; any other
    refused form is the site's 403 page."""
    match = getattr(request, "resolver_match", None) or _resolve(request.path_info)
    if match is None or match.view_name != "comments:form" or request.method != "POST":
        return error_page(request, 403)
    article = _article(match.kwargs["pk"])
    kept = {key: request.POST.get(key, "")[:3000] for key in ("name", "email", "text")}
    form = CommentForm(initial={**kept, "token": form_token()})
    messages.warning(request, _("Your comment was not sent: the form had expired. It is below; please send it again."))
    return _page(request, article, form, status=403)


def _resolve(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None
