"""The desk's review queue and side-by-side translation editing: held items oldest first with
why, previews as readers would see them, bulk actions through the audited Actions; a translation
edited segment by segment, approved into the translation memory (preferred over the engine from
then on), published with "Translated by the editors", and its source's later changes marked."""
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from _factories import make_article
from quangba.articles.models import Article, ArticleTranslation, ArticleVersion
from quangba.core.models import AuditEntry
from quangba.desk.editing import Sheet
from quangba.taxonomy.models import Place, Section
from quangba.translation import stages as service
from quangba.translation.memory import EDITORS, MemoryKey
from quangba.translation.models import TranslationMemoryEntry
from test_translation_stage import ENGLISH_BODY, needs_apertium, routes  # noqa: F401  (routes: the fixture)

pytestmark = pytest.mark.django_db


def english_article(outlet, n=1, body=ENGLISH_BODY):
    article = make_article(outlet, n, language="en", section="heritage")
    Article.objects.filter(pk=article.pk).update(
        title="Hue festival opens with royal music", lead="The festival opened in Hue on Saturday night.",
        body_html=body, slug="hue-festival-opens-with-royal-music", content_hash=f"v1-{n}")
    article.refresh_from_db()
    ArticleVersion.objects.create(article=article, number=1, title=article.title, lead=article.lead,
                                  body_html=body, content_hash=article.content_hash, source_url=article.original_url,
                                  images=[{"url": "https://img.example/a.jpg", "caption": "Ho Guom in the morning.",
                                           "credit": "Lan Anh", "alt": ""}])
    article.images.update(caption="Ho Guom in the morning.", url="https://img.example/hue.jpg")  # the body's figure
    return article


def translate(article, drain_tasks):
    service.request_translations(article)
    drain_tasks()
    return ArticleTranslation.objects.get(article=article, language="es")


def held(translation, findings=("title: untranslated words in the title: royal",)):
    ArticleTranslation.objects.filter(pk=translation.pk).update(status=ArticleTranslation.Status.REVIEW,
                                                                qa_issues=list(findings), qa_passed=False)
    translation.refresh_from_db()
    return translation


def test_the_desk_pages_are_for_staff_only(client, outlets):
    article = make_article(outlets[0], 1)
    for url in ("/desk/review/", f"/desk/preview/article/{article.pk}/", "/desk/translations/1/"):
        assert "/admin/login/" in client.get(url)["Location"]
    assert "/admin/login/" in client.post("/desk/review/act/", {"ids": [article.pk], "action": "publish"})["Location"]


@needs_apertium
def test_a_translation_side_by_side(client, editor, outlets, routes, drain_tasks, django_assert_max_num_queries):
    article = english_article(outlets[1])
    translation = held(translate(article, drain_tasks))
    with django_assert_max_num_queries(12):
        response = client.get(f"/desk/translations/{translation.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    # A row per segment: title, lead, the body's paragraphs and caption, the image's caption.
    for segment in ("title", "lead", "body.0", "body.2", "image.0.caption"):
        assert f'data-segment="{segment}"' in html
    title = html[html.index('data-segment="title"'):html.index('data-segment="lead"')]
    assert '<mark title="Hue">Hue</mark> festival opens with royal music' in title  # the source, its terms marked
    assert "untranslated words in the title: royal" in title  # the finding on its segment
    assert '<section class="seg seg-flag" id="seg-title"' in html
    assert f'name="seg-title"' in title and translation.title in title  # the machine's text, editable
    # The starter glossary's terms are marked in the source.
    body0 = html[html.index('data-segment="body.0"'):html.index('data-segment="body.1"')]
    assert "<mark" in body0 and "Ministerio de Asuntos Exteriores" in body0


@needs_apertium
def test_fixing_two_segments_publishes_them_as_the_editors_translation(client, editor, outlets, routes, drain_tasks):
    article = english_article(outlets[1])
    translation = held(translate(article, drain_tasks))
    machine_title = translation.title
    caption = next(row.id for row in Sheet(translation).rows if row.kind == "caption")  # the figure's, in the body
    response = client.post(f"/desk/translations/{translation.pk}/", {
        "seg-title": "Hue abre su festival con música real",
        f"seg-{caption}": "La Ciudad Imperial iluminada en la noche inaugural.",
        "publish": "1",
    })
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.status == ArticleTranslation.Status.PUBLISHED and translation.decided_by_editor
    assert translation.title == "Hue abre su festival con música real"
    assert "<figcaption>La Ciudad Imperial iluminada en la noche inaugural.</figcaption>" in translation.body_html
    assert translation.by_editors and translation.edited_by == editor and translation.approved_hash == article.content_hash
    assert translation.machine == {"title": machine_title, caption: translation.machine[caption]}
    assert "Ciudad Imperial encendió" in translation.machine[caption]
    # Every segment is now an approved entry of the memory.
    approved = TranslationMemoryEntry.objects.filter(engine=EDITORS, approved_by=editor)
    assert approved.count() >= 5
    assert approved.get(digest=MemoryKey.approved("en", "es", article.title).digest()).translation == \
        "Hue abre su festival con música real"
    assert list(AuditEntry.objects.filter(target_id=str(translation.pk)).values_list("action", flat=True)
                .order_by("pk"))[-2:] == ["edit translation", "publish translation"]
    # Readers see the edit, credited to the editors.
    drain_tasks()
    page = client.get(translation.get_absolute_url()).content.decode()
    assert "Hue abre su festival con música real" in page and "La Ciudad Imperial iluminada" in page
    assert "Traducido por los editores." in page and "Traducción automática." not in page
    api = client.get(f"/api/v1/articles/{article.pk}/?lang=es").json()
    assert api["translated_by_editors"] is True and api["machine_translated"] is False
    # The editor page shows the engine's text beside the edit.
    sheet = client.get(f"/desk/translations/{translation.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    title = sheet[sheet.index('data-segment="title"'):sheet.index('data-segment="lead"')]
    assert machine_title in title and "Hue abre su festival con música real" in title and ">edited<" in title


@needs_apertium
def test_approved_segments_win_over_the_engine_and_source_changes_are_marked(client, editor, outlets, routes,
                                                                             drain_tasks):
    article = english_article(outlets[1])
    translation = held(translate(article, drain_tasks))
    client.post(f"/desk/translations/{translation.pk}/", {"seg-title": "Hue abre su festival con música real",
                                                         "publish": "1"})
    # The outlet changes one paragraph: the article is re-extracted and translated again.
    new_body = ENGLISH_BODY.replace("drew 12,000 visitors", "drew 15,000 visitors")
    Article.objects.filter(pk=article.pk).update(body_html=new_body, content_hash="v2-1")
    ArticleVersion.objects.create(article=article, number=2, title=article.title, lead=article.lead,
                                  body_html=new_body, content_hash="v2-1", source_url=article.original_url)
    article.refresh_from_db()
    translation = translate(article, drain_tasks)
    assert translation.title == "Hue abre su festival con música real"  # the editors' title, not the engine's
    assert "editors" in translation.engines and not translation.by_editors  # the changed paragraph is machine-made
    assert not any(f.startswith("title:") for f in translation.qa_issues)  # a person's choice is not re-judged
    html = client.get(f"/desk/translations/{translation.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The source has changed since this translation was approved" in html
    body0 = html[html.index('data-segment="body.0"'):html.index('data-segment="body.1"')]
    assert '<section class="seg seg-changed" id="seg-body.0"' in html and "<del>12,000</del>" in body0 and "<ins>15,000</ins>" in body0
    lead = html[html.index('data-segment="lead"'):html.index('data-segment="body.0"')]
    assert '<section class="seg" id="seg-lead"' in html
    public = client.get(translation.get_absolute_url()).content.decode() \
        if translation.status == ArticleTranslation.Status.PUBLISHED else ""
    assert "Traducido por los editores" not in public


def test_markup_and_plain_segments_round_trip(client, editor, outlets):
    from quangba.desk.editing import editable, stored

    assert editable("Tom &amp; Jerry", True) == ("Tom & Jerry", False)
    assert stored("Tom & Jerry <script>", True, False) == "Tom &amp; Jerry &lt;script&gt;"
    text, markup = editable('See <a href="https://x.example/">the map</a>', True)
    assert markup and stored(text.replace("https://x.example/", "javascript:alert(1)"), True, True) == \
        "See <a>the map</a>"
    assert stored("Plain <b>title</b>", False, False) == "Plain title"


def test_the_queue_lists_held_items_oldest_first_with_why(client, editor, outlets, django_assert_max_num_queries):
    vi, en = outlets
    first = make_article(vi, 1, status=Article.Status.REVIEW,
                         review_reason="extraction confidence 0.31 is under 0.50: check the body against the original")
    second = make_article(en, 2, language="en", status=Article.Status.REVIEW,
                          review_reason="the outlet's agreement asks for review before publishing")
    make_article(vi, 3)  # published: not in the queue
    with django_assert_max_num_queries(12):
        html = client.get("/desk/review/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert html.index(f'data-id="{first.pk}"') < html.index(f'data-id="{second.pk}"')
    assert 'data-id="' + str(first.pk + 2) + '"' not in html
    assert "độ tin cậy khi trích xuất 0.31" in html  # the pipeline's reason, in the editor's language
    assert f'href="/desk/preview/article/{first.pk}/"' in html
    only_english = client.get("/desk/review/?language=en").content.decode()
    assert f'data-id="{second.pk}"' in only_english and f'data-id="{first.pk}"' not in only_english
    by_outlet = client.get("/desk/review/?outlet=song-hong").content.decode()
    assert f'data-id="{first.pk}"' in by_outlet and f'data-id="{second.pk}"' not in by_outlet


def test_the_queue_pages_by_cursor(client, editor, outlets):
    made = [make_article(outlets[0], n, status=Article.Status.REVIEW) for n in range(1, 35)]
    html = client.get("/desk/review/").content.decode()
    assert html.count("data-id=") == 30 and f'data-id="{made[29].pk}"' in html
    assert f"after={made[29].pk}" in html
    rest = client.get(f"/desk/review/?after={made[29].pk}").content.decode()
    assert rest.count("data-id=") == 4 and f'data-id="{made[30].pk}"' in rest
    assert client.get("/desk/review/?after=99999999999999999999999&kind=x&status=y").status_code == 200


def test_a_preview_is_the_readers_page_of_a_held_article(client, editor, outlets):
    article = make_article(outlets[0], 1, status=Article.Status.REVIEW, review_reason="check")
    assert client.get(article.get_absolute_url()).status_code == 404  # not public
    response = client.get(f"/desk/preview/article/{article.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200 and 'class="preview-note"' in html and 'content="noindex"' in html
    assert article.title in html and "Báo Sông Hồng" in html and '<html lang="vi"' in html
    assert f'value="publish:{article.pk}"' in html and f'value="takedown:{article.pk}"' in html  # acted on from here
    assert "Publish" in html and "Xem trước" not in html  # the banner in the editor's language
    assert client.post("/desk/review/act/", {"kind": "articles", "only": f"publish:{article.pk}"}).status_code == 302
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    assert client.get("/desk/preview/story/1/").status_code == 404


def test_bulk_publish_takedown_and_filing(client, editor, outlets, drain_tasks):
    vi, _en = outlets
    a, b, c = (make_article(vi, n, status=Article.Status.REVIEW, review_reason="check") for n in (1, 2, 3))
    response = client.post("/desk/review/act/", {"ids": [a.pk, b.pk], "action": "publish", "reason": "checked"})
    assert response.status_code == 302
    assert set(Article.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {"published"}
    # A takedown needs a reason.
    client.post("/desk/review/act/", {"ids": [c.pk], "action": "takedown"})
    assert Article.objects.get(pk=c.pk).status == "review"
    client.post("/desk/review/act/", {"ids": [c.pk], "action": "takedown", "reason": "the outlet asked"})
    assert Article.objects.get(pk=c.pk).status == "withdrawn"
    # File two under Heritage and Huế.
    Place.for_slugs(["hue"])
    client.post("/desk/review/act/", {"ids": [a.pk, b.pk], "action": "file", "section": "heritage", "places": "Huế"})
    for article in Article.objects.filter(pk__in=[a.pk, b.pk]):
        assert article.section == Section.for_slug("heritage") and article.section_locked
        assert [p.slug for p in article.places.all()] == ["hue"] and article.places_locked
    unknown = client.post("/desk/review/act/", {"ids": [a.pk], "action": "file", "places": "Atlantis"}, follow=True)
    assert "Atlantis" in unknown.content.decode()
    # One row's own button.
    client.post("/desk/review/act/", {"only": f"hold:{a.pk}", "ids": [b.pk]})
    assert Article.objects.get(pk=a.pk).status == "review" and Article.objects.get(pk=b.pk).status == "published"
    actions = list(AuditEntry.objects.filter(target_id__in=[str(a.pk), str(c.pk)]).values_list("action", flat=True))
    assert {"publish", "takedown", "file", "hold"} <= set(actions)
    assert client.post("/desk/review/act/", {"ids": [a.pk], "action": "explode"}).status_code == 400


def test_bulk_on_translations(client, editor, outlets):
    article = make_article(outlets[1], 1, language="en")
    translation = ArticleTranslation.objects.create(article=article, language="es", title="Hola",
                                                    status=ArticleTranslation.Status.REVIEW, source_hash=article.content_hash,
                                                    translated_at=timezone.now())
    html = client.get("/desk/review/?kind=translations").content.decode()
    assert f'href="/desk/translations/{translation.pk}/"' in html
    client.post("/desk/review/act/", {"kind": "translations", "ids": [translation.pk], "action": "publish"})
    assert ArticleTranslation.objects.get(pk=translation.pk).status == "published"
    # A takedown is for articles, not translations.
    assert client.post("/desk/review/act/", {"kind": "translations", "ids": [translation.pk],
                                             "action": "takedown", "reason": "x"}).status_code == 400


def test_a_staff_member_without_the_permission_is_refused(client, outlets):
    user = get_user_model().objects.create_user("intern", "i@example.org", "pw", is_staff=True)
    client.force_login(user)
    article = make_article(outlets[0], 1, status=Article.Status.REVIEW)
    assert client.post("/desk/review/act/", {"ids": [article.pk], "action": "publish"}).status_code == 403
    assert Article.objects.get(pk=article.pk).status == "review"
