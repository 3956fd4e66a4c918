"""The search index's tables: SQLite FTS5 or PostgreSQL tsvector + GIN, per the database in use."""
from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_document USING fts5(title, body, tags, "
    "tokenize = 'unicode61 remove_diacritics 2')",
]
POSTGRESQL = [
    "CREATE TABLE search_document (rowid bigint PRIMARY KEY, language varchar(10) NOT NULL, "
    "section varchar(50) NOT NULL DEFAULT '', outlet bigint NOT NULL DEFAULT 0, "
    "published_at timestamptz NOT NULL, document tsvector NOT NULL)",
    "CREATE INDEX search_document_gin ON search_document USING gin (document)",
    "CREATE INDEX search_document_recent ON search_document (language, rowid DESC)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute("DROP TABLE IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create, drop)]
