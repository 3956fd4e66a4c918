"""The OpenAPI 3.1 description of the public API, kept beside the views it describes (the tests
call every path it lists and check the documented keys)."""
from django.conf import settings

from quangba.core.params import LARGEST
from quangba.ingest.push import ARTICLE_FIELDS

STRING = {"type": "string"}
# A query value is text without NUL characters (PostgreSQL refuses them; the server answers 400).
QUERY_TEXT = {"type": "string", "pattern": "^[^\\u0000]*$"}
URL = {"type": "string", "format": "uri"}
NULLABLE_URL = {"type": ["string", "null"], "format": "uri"}
DATETIME = {"type": "string", "format": "date-time"}
FEEDS = {"type": "object", "required": ["rss", "atom"], "properties": {"rss": URL, "atom": URL}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict, optional: tuple = ()) -> dict:
    return {"type": "object", "required": [k for k in properties if k not in optional], "properties": properties}


def _page(item: str) -> dict:
    return _object({
        "count": {"type": "integer", "description": "Items matching the query, on all pages."},
        "next": {**NULLABLE_URL, "description": "The next page, or null on the last."},
        "previous": {**NULLABLE_URL, "description": "The previous page, or null on the first."},
        "limit": {"type": "integer"},
        "offset": {"type": "integer"},
        "results": {"type": "array", "items": _ref(item)},
    })


def _param(name: str, description: str, schema: dict, where: str = "query", required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


def _list(summary: str, item: str, parameters: list) -> dict:
    return {"get": {
        "summary": summary,
        "parameters": parameters + [
            _param("limit", "Items per page (at most MAX_PAGE_SIZE, 100 by default; more asks for that many).",
                   {"type": "integer", "minimum": 1, "maximum": LARGEST}),
            _param("offset", "Items to skip.", {"type": "integer", "minimum": 0, "maximum": LARGEST}),
        ],
        "responses": {"200": {"description": "One page.", "content": {"application/json": {"schema": _page(item)}}},
                      "400": {"$ref": "#/components/responses/BadRequest"}},
    }}


def openapi_schema(server_url: str) -> dict:
    """The API description, with `server_url` (…/api/v1) as its server."""
    languages = [code for code, _name in settings.LANGUAGES]
    lang = _param("lang", "A site language: names, titles and URLs in it (default: the site's default "
                  "language; for articles, their own).", {"type": "string", "enum": languages})
    language = _param("language", "Same as `lang`.", {"type": "string", "enum": languages})
    section = {"slug": STRING, "name": STRING, "url": URL, "feeds": FEEDS}
    article = {
        "id": {"type": "integer"},
        "url": {**URL, "description": "The article's page on the portal, in `language`."},
        "api_url": URL,
        "language": {"type": "string", "description": "The language of title, lead and body."},
        "original_language": STRING,
        "languages": {"type": "array", "items": STRING, "description": "Every language it can be read in."},
        "machine_translated": {"type": "boolean", "description": "A translation by an engine."},
        "translated_by_editors": {"type": "boolean",
                                  "description": "A translation whose every segment an editor approved."},
        "title": STRING,
        "lead": STRING,
        "author": STRING,
        "published_at": DATETIME,
        "updated_at": DATETIME,
        "section": {"oneOf": [_ref("Section"), {"type": "null"}]},
        "outlet": _object({"slug": STRING, "name": STRING, "homepage": URL, "logo_url": NULLABLE_URL}),
        "original_url": {**URL, "description": "The article at its outlet: always credit and link it."},
        "excerpt_only": {"type": "boolean", "description": "The outlet shares its lead only: no body."},
        "images": {"type": "array", "items": _object({
            "url": URL, "caption": STRING, "credit": STRING, "alt": STRING,
            "width": {"type": ["integer", "null"]}, "height": {"type": ["integer", "null"]}})},
        "media": {"type": "array", "items": _object({
            "url": URL, "type": {"type": ["string", "null"]}, "length": STRING, "duration": STRING,
            "poster": URL}, optional=("length", "duration", "poster"))},
        "tags": {"type": "array", "items": STRING},
    }
    detail = {**article,
              "body_html": {"type": ["string", "null"],
                            "description": "Sanitized HTML; null for excerpt-only outlets."},
              "comments": {"type": "array", "items": _object({"name": STRING, "text": STRING, "created_at": DATETIME})}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "quangba public API",
            "version": "1.0.0",
            "description": "Read-only access to the articles the portal republishes from its partner outlets. "
                           "Every article must be credited to its outlet and link its `original_url`. "
                           "Only published articles of active outlets appear; excerpt-only outlets share "
                           "their lead only. Browsers may call it from the origins the operator lists in "
                           "QUANGBA_API_CORS_ORIGINS.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/articles/": _list("Published articles, newest first.", "Article", [
                lang, language,
                _param("section", "A section slug.", QUERY_TEXT),
                _param("outlet", "An outlet slug.", QUERY_TEXT),
                _param("place", "A province slug (once articles are filed under provinces).", QUERY_TEXT),
                _param("since", "Published at or after this ISO 8601 date or date-time.",
                       {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}),
            ]),
            "/articles/{id}/": {"get": {
                "summary": "One article with its body (unless excerpt-only) and approved comments.",
                "parameters": [_param("id", "The article id.", {"type": "integer"}, "path", True), lang, language],
                "responses": {
                    "200": {"description": "The article.",
                            "content": {"application/json": {"schema": _ref("ArticleDetail")}}},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "404": {"$ref": "#/components/responses/NotFound"},
                },
            }},
            "/stories/": _list("Events told by several outlets, with their articles.", "Story", [lang]),
            "/sections/": _list("The portal's sections.", "Section", [lang]),
            "/outlets/": _list("Active partner outlets.", "Outlet", [lang]),
            "/places/": _list("The 34 provinces and cities of the 2025 map.", "Place", [lang]),
            "/ingest/": {"post": {
                "summary": "A partner outlet sends an article: a URL to fetch now, or the whole article.",
                "description": "With the outlet's own key (`quangba ingest_key create OUTLET`), good for its "
                               "own articles only. Field names are ours or NINJS 2.0's (headline, uri, "
                               "firstcreated, versioncreated, bylines, descriptions, associations, subjects).",
                "security": [{"ingestKey": []}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"oneOf": [
                    {**_object({"url": URL}), "description": "A page to fetch now: no article field "
                     "(fields the API does not know are ignored).",
                     "not": {"anyOf": [{"required": [name]} for name in sorted(ARTICLE_FIELDS)]}},
                    _ref("PushedArticle")]}}}},
                "responses": {
                    "200": {"description": "The same article again: nothing to do.",
                            "content": {"application/json": {"schema": _ref("IngestResult")}}},
                    "202": {"description": "Taken: it goes down the chain now.",
                            "content": {"application/json": {"schema": _ref("IngestResult")}}},
                    **{code: {"description": what, "content": {"application/json": {"schema": _ref("Error")}}}
                       for code, what in (("400", "What is wrong with the article."),
                                          ("401", "No key, or an unknown or revoked one."),
                                          ("403", "Another outlet's article, or an outlet not active."),
                                          ("413", "Over the size cap."), ("415", "Not JSON."),
                                          ("429", "Too many pushes a minute with this key (see Retry-After)."))},
                },
            }},
            "/openapi.json": {"get": {
                "summary": "This description.",
                "responses": {"200": {"description": "OpenAPI 3.1.", "content": {"application/json": {
                    "schema": _object({"openapi": STRING, "info": {"type": "object"}, "servers": {"type": "array"},
                                      "paths": {"type": "object"}, "components": {"type": "object"}})}}}},
            }},
        },
        "components": {
            "schemas": {
                "Article": _object(article),
                "ArticleDetail": _object(detail),
                "Section": _object(section),
                "Outlet": _object({
                    "slug": STRING, "name": STRING, "homepage": URL, "logo_url": NULLABLE_URL, "language": STRING,
                    "licence": {"type": "string", "enum": ["full", "excerpt"]}, "images_allowed": {"type": "boolean"},
                    "url": URL, "feeds": FEEDS}),
                "Story": _object({"id": {"type": "integer"}, "title": STRING, "updated_at": STRING,
                                  "articles": {"type": "array", "items": _object({
                                      "id": {"type": "integer"}, "title": STRING, "language": STRING,
                                      "outlet": STRING, "original_url": URL, "published_at": STRING})}}),
                "Place": _object({"slug": STRING, "name": STRING, "name_en": STRING, "kind": STRING, "url": URL}),
                "Error": _object({"error": STRING}),
                "PushedArticle": {"type": "object", "required": ["title", "body_html", "url"], "properties": {
                    "url": URL, "title": STRING, "body_html": STRING, "lead": STRING, "author": STRING,
                    "published_at": {"type": "string", "format": "date-time"},
                    "updated_at": {"type": "string", "format": "date-time"},
                    "images": {"type": "array", "items": _object({"url": URL, "caption": STRING, "credit": STRING},
                                                                  optional=("caption", "credit"))},
                    "categories": {"type": "array", "items": STRING}, "tags": {"type": "array", "items": STRING},
                    "language": STRING}},
                "IngestResult": _object({"entry": {"type": "integer"}, "url": URL,
                                         "action": {"type": "string", "enum": ["created", "updated", "unchanged"]},
                                         "state": STRING, "fetch": {"type": "boolean"}}),
            },
            "securitySchemes": {"ingestKey": {"type": "http", "scheme": "bearer",
                                              "description": "An outlet's ingest API key."}},
            "responses": {
                "BadRequest": {"description": "A parameter the API cannot use.",
                               "content": {"application/json": {"schema": _ref("Error")}}},
                "NotFound": {"description": "No such published item (or not in that language).",
                             "content": {"application/json": {"schema": _ref("Error")}}},
            },
        },
    }
