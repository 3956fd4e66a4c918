"""No query parameter gets a 500: bad ones get a 400 (JSON on the API) or, for a page past the end,
a 404. Every public parameter is fuzzed with hypothesis, the seen ones are pinned as examples."""
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from _factories import make_article

ENDPOINTS = {
    "/api/v1/articles/": ["lang", "section", "outlet", "place", "since", "limit", "offset"],
    "/api/v1/stories/": ["lang", "limit", "offset"], "/api/v1/outlets/": ["lang", "limit", "offset"],
    "/api/v1/sections/": ["lang", "limit", "offset"], "/api/v1/places/": ["lang", "limit", "offset"],
    "/vi/search/": ["q", "section", "outlet", "from", "to", "page"], "/en/search/": ["q", "from", "to", "page"],
    "/vi/travel/": ["page"], "/vi/local/": ["page"], "/vi/local/ha-noi/": ["page"],
    "/vi/outlets/song-hong/": ["page"],
}
NASTY = st.sampled_from(["2020-13-45", "0001-01-01", "9999-12-31", "2026-11-07T10:00:00+99:00", "9223372036854775808",
                         "-1", "0", "", "null", "1e309", "\x00", "../../etc/passwd", "%", "2026-02-30", "'\"<>",
                         "99999999999999999999999", "ha noi", "1", "vi", "xx"])
VALUES = st.one_of(NASTY, st.text(max_size=40), st.integers(min_value=-2**70, max_value=2**70).map(str))


@pytest.fixture
def site(outlets, django_db_blocker):
    with django_db_blocker.unblock():
        for n in range(3):
            make_article(outlets[0], n, section="travel")


def check(client, path, params):
    response = client.get(path, params)
    assert response.status_code < 500, (path, params, response.status_code)
    if path.startswith("/api/") and response.status_code >= 400:
        assert response["Content-Type"].startswith("application/json"), (path, params)


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=st.sampled_from(sorted(ENDPOINTS)), data=st.data())
@example(endpoint="/api/v1/articles/", data=None)
def test_no_parameter_gets_a_500(client, site, endpoint, data):
    if data is None:  # the values first seen to break it
        for params in ({"since": "2020-13-45"}, {"offset": "9223372036854775808"}, {"since": "0001-01-01"},
                       {"since": "2026-11-07T10:00:00+99:00"}, {"lang": ""}, {"section": "\x00"}):
            check(client, "/api/v1/articles/", params)
        check(client, "/en/search/", {"q": "the", "from": "0001-01-01"})
        return
    names = data.draw(st.lists(st.sampled_from(ENDPOINTS[endpoint]), unique=True, max_size=4))
    check(client, endpoint, {name: data.draw(VALUES) for name in names})


@pytest.mark.django_db
def test_bad_values_are_named_in_the_answer(client, site):
    for params in ({"since": "2020-13-45"}, {"offset": "9223372036854775808"}, {"limit": "zero"}):
        response = client.get("/api/v1/articles/", params)
        assert response.status_code == 400 and next(iter(params)) in response.json()["error"]
    page = client.get("/vi/search/", {"q": "ha", "from": "0001-01-01"})
    assert page.status_code == 400 and "from" in page.content.decode()
    # A NUL character (PostgreSQL refuses it in any text) is a 400 naming the parameter, everywhere.
    response = client.get("/api/v1/articles/", {"section": "news\x00"})
    assert response.status_code == 400 and "section" in response.json()["error"]
    page = client.get("/vi/search/", {"q": "\x00"})
    assert page.status_code == 400 and "q" in page.content.decode()
