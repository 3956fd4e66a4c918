"""Posting a comment: validated, rate-limited, moderated; the reader is told what happened."""
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, gettext as _
from django.views.decorators.http import require_GET, require_POST

from quangba.articles.localize import localize
from quangba.articles.models import Article
from quangba.core.security import client_ip

from .actions import ApproveComment
from .forms import CommentForm, form_token
from .models import Comment
from .ratelimit import hit


def _article(pk):
    """The article as readable in the current language (original or published translation)."""
    article = get_object_or_404(Article.objects.published().select_related("outlet"), pk=pk)
    if localize(article, get_language()).shown_language != get_language():
        raise Http404
    return article


@require_GET
def comment_form(request, pk):
    """The form lives on its own dynamic page: article pages are baked and carry no CSRF token."""
    article = _article(pk)
    form = CommentForm(initial={"token": form_token()})
    return render(request, "comments/form.html", {"article": article, "form": form})


@require_POST
def post_comment(request, pk):
    article = _article(pk)
    conf = settings.QUANGBA_COMMENTS
    ip = client_ip(request)
    if not hit(f"ip:{ip}", conf["PER_IP"], conf["WINDOW"]) or \
            not hit(f"article:{article.pk}", conf["PER_ARTICLE"], conf["WINDOW"]):
        response = render(request, "comments/refused.html", {"article": article}, status=429)
        response["Retry-After"] = str(conf["WINDOW"])
        return response
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render(request, "comments/invalid.html", {"article": article, "form": form}, status=400)
    data = form.cleaned_data
    trusted = Comment.objects.filter(email__iexact=data["email"], status=Comment.Status.APPROVED).exists()
    comment = Comment.objects.create(
        article=article, language=get_language(), name=data["name"], email=data["email"], text=data["text"],
        ip_address=ip or None, status=Comment.Status.PENDING,
    )
    if trusted:
        ApproveComment(comment, reason="the address has an approved comment", automatic=True).run()
        messages.success(request, _("Thank you, your comment is published."))
    else:
        messages.info(request, _("Thank you, your comment will appear once a moderator has read it."))
    return HttpResponseRedirect(request.path)


def comment(request, pk):
    """GET: the comment form for an article; POST: send a comment."""
    return post_comment(request, pk) if request.method == "POST" else comment_form(request, pk)
