"""Readers' comments on articles, moderated before they are shown."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    """A reader's comment. The e-mail address is never shown; the text is shown escaped."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="comments", verbose_name=_("article"))
    language = models.CharField(_("language"), max_length=10)
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail"))
    text = models.TextField(_("comment"), max_length=3000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"
