"""HTTP engines against fake servers this test starts on 127.0.0.1 (ephemeral ports, threads)."""
import time

import pytest

from quangba.translation import ArticleDoc, RetryPolicy, TranslationError, translate_article
from quangba.translation.engines.deepl import DeepLEngine
from quangba.translation.engines.google import GoogleTranslateEngine
from quangba.translation.engines.libretranslate import LibreTranslateEngine
from quangba.translation.engines.openai import OpenAICompatibleEngine
from _translation_fakes import FakeServer, deepl, google, libretranslate, openai_chat
from quangba.translation.glossary import Glossary, GlossaryEntry


@pytest.fixture
def lt_server():
    with FakeServer(libretranslate) as server:
        yield server


def lt(server, **options):
    return LibreTranslateEngine("libretranslate", {"URL": server.url, "TIMEOUT": 2, **options})


def test_libretranslate_batches_q_as_list_with_key(lt_server):
    engine = lt(lt_server, API_KEY="k", MAX_BATCH=2)
    doc = ArticleDoc("Tiêu đề", "", "".join(f"<p>Đoạn {i}</p>" for i in range(5)))
    result = translate_article(doc, "vi", "en", [engine])
    posts = [r.body for r in lt_server.requests]
    assert [len(p["q"]) for p in posts] == [2, 2, 1, 1]
    assert [p["format"] for p in posts] == ["html"] * 3 + ["text"]
    assert all(p["api_key"] == "k" and p["source"] == "vi" and p["target"] == "en" for p in posts)
    assert result.doc.body_html.startswith("<p>[en] Đoạn 0</p>") and result.doc.title == "[en] Tiêu đề"


def test_libretranslate_languages(lt_server):
    assert lt(lt_server).languages() == {("vi", "en"), ("en", "es"), ("en", "vi")}


@pytest.mark.parametrize("status, transient", [(400, False), (403, False), (429, True), (500, True)])
def test_libretranslate_error_mapping(lt_server, status, transient):
    lt_server.then(status, {"error": "nope"}, {"Retry-After": "7"} if status == 429 else {})
    with pytest.raises(TranslationError) as err:
        lt(lt_server).translate(["a"], "vi", "en")
    assert err.value.status == status and err.value.transient is transient and "nope" in str(err.value)
    assert err.value.retry_after == (7 if status == 429 else None)


def test_libretranslate_429_and_500_are_retried(lt_server):
    lt_server.then(429, {"error": "Slowdown"}, {"Retry-After": "1"}).then(500, {"error": "boom"})
    waits = []
    result = translate_article(ArticleDoc("Xin chào"), "vi", "en", [lt(lt_server)], sleep=waits.append,
                               retry=RetryPolicy(attempts=3, base=0.25, jitter=0))
    assert waits == [1.0, 0.5] and len(lt_server.requests) == 3 and result.doc.title == "[en] Xin chào"


def test_libretranslate_timeout_is_transient_then_falls_back(lt_server):
    lt_server.then(200, delay=1.5).then(200, delay=1.5)
    slow = lt(lt_server, TIMEOUT=0.3)
    with FakeServer(libretranslate) as spare_server:
        spare = lt(spare_server)
        spare.alias = "spare"
        started = time.monotonic()
        result = translate_article(ArticleDoc("Xin chào"), "vi", "en", [slow, spare], sleep=lambda s: None,
                                   retry=RetryPolicy(attempts=2))
    assert time.monotonic() - started < 3
    assert result.engines_used == ["spare"] and result.stats.retries == 1
    assert "timed out" in result.stats.failures[0]


def test_openai_request_shape_glossary_and_cleanup():
    with FakeServer(openai_chat) as server:
        engine = OpenAICompatibleEngine("llm", {"URL": server.url + "/v1", "MODEL": "qwen", "API_KEY": "s"})
        glossary = Glossary([GlossaryEntry("Hà Nội", "Hanoi"), GlossaryEntry("VnExpress", "VnExpress", dnt=True)])
        result = translate_article(ArticleDoc("VnExpress: Hà Nội mưa"), "vi", "en", [engine], glossary=glossary)
        [request] = server.requests
    body = request.body
    assert request.path == "/v1/chat/completions" and request.headers["Authorization"] == "Bearer s"
    assert body["model"] == "qwen" and body["temperature"] == 0 and body["messages"][0]["role"] == "system"
    assert "Vietnamese to English" in body["messages"][0]["content"]
    assert "- Hà Nội → Hanoi" in body["messages"][0]["content"]
    assert body["messages"][1]["content"] == "QGX1QGX: Hà Nội mưa"
    assert result.doc.title == "[en] VnExpress: Hà Nội mưa"
    assert OpenAICompatibleEngine.clean('```\nTranslation: "Hello."\n```', "Xin chào.") == "Hello."


@pytest.mark.parametrize("status, transient", [(401, False), (404, False), (429, True), (503, True)])
def test_openai_error_mapping(status, transient):
    with FakeServer(openai_chat) as server:
        server.then(status, {"error": {"message": "model not loaded"}})
        engine = OpenAICompatibleEngine("llm", {"URL": server.url + "/v1"})
        with pytest.raises(TranslationError) as err:
            engine.translate(["x"], "vi", "en")
    assert err.value.transient is transient and "model not loaded" in str(err.value)


def test_deepl_uploads_glossary_once_and_uses_html_tags():
    with FakeServer(deepl) as server:
        engine = DeepLEngine("deepl", {"URL": server.url, "AUTH_KEY": "abc:fx"})
        glossary = Glossary([GlossaryEntry("Hà Nội", "Hanoi")])
        for _ in range(2):
            translate_article(ArticleDoc("Hà Nội", body_html="<p>Ở <b>Hà Nội</b></p>"), "vi", "en",
                              [engine], glossary=glossary)
        paths = [r.path for r in server.requests]
        translate_body = next(r.body for r in server.requests if r.path == "/v2/translate" and "tag_handling" in r.body)
        assert server.requests[0].headers["Authorization"] == "DeepL-Auth-Key abc:fx"
    assert paths.count("/v2/glossaries") == 1  # second article: same entries, same glossary
    assert server.requests[0].body["entries"] == "Hà Nội\tHanoi"
    assert translate_body["glossary_id"].startswith("g-") and translate_body["target_lang"] == "EN-US"
    assert translate_body["text"] == ["Ở <b>Hà Nội</b>"]


@pytest.mark.parametrize("status, transient", [(403, False), (456, False), (429, True), (529, True)])
def test_deepl_error_mapping(status, transient):
    with FakeServer(deepl) as server:
        server.then(status, {"message": "Quota exceeded"})
        with pytest.raises(TranslationError) as err:
            DeepLEngine("deepl", {"URL": server.url, "AUTH_KEY": "k", "CREATE_GLOSSARIES": False}).translate(["x"], "vi", "en")
    assert err.value.transient is transient and "Quota exceeded" in str(err.value)


def test_deepl_without_key_is_a_permanent_error():
    with pytest.raises(TranslationError) as err:
        DeepLEngine("deepl", {}).translate(["x"], "vi", "en")
    assert not err.value.transient and "AUTH_KEY" in str(err.value)


def test_google_v3_uses_glossary_resource_and_its_translations():
    with FakeServer(google) as server:
        engine = GoogleTranslateEngine("google", {"URL": server.url, "PROJECT": "p", "LOCATION": "us-central1",
                                                  "ACCESS_TOKEN": "t", "GLOSSARIES": {"vi-en": "quangba-vi-en"}})
        glossary = Glossary([GlossaryEntry("Hà Nội", "Hanoi")])
        result = translate_article(ArticleDoc("Hà Nội", body_html="<p>Ở Hà Nội</p>"), "vi", "en", [engine],
                                   glossary=glossary)
        requests = server.requests
        assert engine.languages() >= {("vi", "en")}
    assert requests[0].path == "/v3/projects/p/locations/us-central1:translateText"
    assert requests[0].headers["Authorization"] == "Bearer t"
    assert requests[0].body["mimeType"] == "text/html" and requests[1].body["mimeType"] == "text/plain"
    assert requests[0].body["glossaryConfig"]["glossary"] == \
        "projects/p/locations/us-central1/glossaries/quangba-vi-en"
    assert requests[0].body["contents"] == ["Ở Hà Nội"]  # the engine's glossary, not placeholders
    assert result.doc.title == "[en+g] Hà Nội"


def test_google_without_glossary_gets_placeholders_and_maps_errors():
    with FakeServer(google) as server:
        engine = GoogleTranslateEngine("google", {"URL": server.url, "PROJECT": "p"})
        result = translate_article(ArticleDoc("Hà Nội"), "vi", "en", [engine],
                                   glossary=Glossary([GlossaryEntry("Hà Nội", "Hanoi")]))
        assert server.requests[0].body["contents"] == ["QGX1QGX"] and result.doc.title == "[en] Hanoi"
        server.then(403, {"error": {"code": 403, "message": "PERMISSION_DENIED", "status": "PERMISSION_DENIED"}})
        with pytest.raises(TranslationError) as err:
            engine.translate(["x"], "vi", "en")
    assert not err.value.transient and "PERMISSION_DENIED" in str(err.value)
