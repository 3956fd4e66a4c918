"""The pipeline's sentences for people are stored in English and read back in the editor's
language through the same template that wrote them; an editor's own words stay as written."""
import pytest
from django.utils import translation

from quangba.core import reasons

SAMPLES = {
    reasons.LOW_CONFIDENCE: {"confidence": "0.42", "minimum": "0.50"},
    reasons.LEFTOVER_SOURCE: {"words": "Bộ Ngoại giao"},
    reasons.GLOSSARY: {"source": "Bộ Công Thương", "target": "Ministry of Industry and Trade"},
    reasons.NUMBERS: {"numbers": "1975, 30/4"},
    reasons.LENGTH: {"ratio": "2.4"},
    reasons.TITLE_LEFTOVERS: {"words": "autumn"},
    reasons.BODY_LEFTOVERS: {"count": 3, "share": "1.2%", "words": "colours, lake, old"},
    reasons.TITLE_NAMES: {"names": "Nga, Iran"},
    reasons.QA_HELD: {"findings": "title: names missing from the translated title: Nga; p3: the translation is empty"},
}


def test_every_reason_reads_back_in_english_as_written_and_in_vietnamese_without_english():
    for reason in reasons.CATALOGUE:
        fields = SAMPLES.get(reason, {})
        stored = reason(**fields)
        with translation.override("en"):
            assert reasons.localize(stored) == stored
        with translation.override("vi"):
            shown = reasons.localize(stored)
        assert shown != stored, reason.template  # every one has its Vietnamese
        for value in fields.values():
            if reason is not reasons.QA_HELD:
                assert str(value) in shown  # the fields are carried over as they were
        for english in ("the ", "translation", "outlet", "untranslated", "missing", "QA gate"):
            assert english not in shown.replace("Ministry of Industry and Trade", ""), (reason.template, shown)


def test_nested_findings_and_an_editors_own_words():
    stored = reasons.QA_HELD(findings="title: names missing from the translated title: Nga; p3: the translation is empty")
    with translation.override("es"):
        shown = reasons.localize(stored)
    assert "title: " in shown and "p3: " in shown and "Nga" in shown
    assert "missing" not in shown and "empty" not in shown
    with translation.override("vi"):
        assert reasons.localize("taken down: the outlet asked") == "taken down: the outlet asked"
        assert reasons.localize_finding("p3: the translation is empty").startswith("p3: ")


@pytest.mark.django_db
def test_the_admin_shows_them_in_the_editors_language(client, outlets, django_user_model):
    from _factories import make_article
    from quangba.articles.models import Article, ArticleTranslation

    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    held = make_article(outlets[0], 1, status=Article.Status.REVIEW, review_reason=reasons.AGREEMENT_REVIEW())
    translation = ArticleTranslation.objects.create(
        article=held, language="es", title="Otoño", status=ArticleTranslation.Status.REVIEW,
        qa_issues=["body: " + reasons.BODY_LEFTOVERS(count=1, share="0.8%", words="wharf")])
    page = client.get(f"/admin/articles/article/{held.pk}/change/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "thỏa thuận với cơ quan báo chí yêu cầu duyệt trước khi đăng" in page and "asks for review" not in page
    page = client.get(f"/admin/articles/articletranslation/{translation.pk}/change/",
                      HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "body: 1 từ chưa dịch (0.8%): wharf" in page and "untranslated words" not in page


@pytest.mark.django_db
def test_the_audit_log_shows_the_pipelines_reasons_in_the_editors_language(client, django_user_model, outlets):
    from quangba.core.models import record

    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    record(None, "hold", outlets[0], reasons.AGREEMENT_REVIEW(), automatic=True)
    record(None, "takedown", outlets[1], "the outlet asked by phone")
    page = client.get("/admin/quangba_core/auditentry/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "thỏa thuận với cơ quan báo chí yêu cầu duyệt trước khi đăng" in page
    assert "the outlet asked by phone" in page  # a person's words, as written
