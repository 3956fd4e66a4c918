"""Head tags of article pages for search engines and link previews (see quangba.web.seo)."""
from django import template

from quangba.web import seo

register = template.Library()


@register.inclusion_tag("web/_article_head.html", takes_context=True)
def article_head(context):
    """JSON-LD (NewsArticle, BreadcrumbList), OpenGraph and Twitter tags of the page's article."""
    article, request = context["article"], context["request"]
    alternates = context.get("alternates") or []
    return {
        "news_article": seo.ld_json(seo.news_article(article, request,
                                                     original_page=context.get("original_page") or "")),
        "breadcrumbs": seo.ld_json(seo.breadcrumbs(article, request)),
        "tags": seo.social_tags(article, request, alternates),
    }
