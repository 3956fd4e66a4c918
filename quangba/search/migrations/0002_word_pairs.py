"""PostgreSQL: every document's adjacent word pairs ("ngan hang" -> 'ngan_hang', no positions) in a
column of their own with a GIN index, so a phrase of common words is an exact index lookup instead
of a positional recheck of every document holding all its words; and an index per (language,
section) so a section's newest documents are read in order. A column of their own: in the
document itself they would double its size and push it out of line, and reading the newest
documents in order (how common words are answered) took ten times as long.

One SQL function gives the pairs, used by the index and by this migration for the documents
already there (an UPDATE of every row, then the index: on two cores about 10 minutes per million
documents for the pairs and 15 for their index). SQLite's FTS5 keeps positions in its index and
needs neither."""
from django.db import migrations

POSTGRESQL = [
    # The pairs of words next to each other in the same field (same weight), from a document's
    # own positions; positionless lexemes, so phrases (<->) and ranking still see only the words.
    """CREATE OR REPLACE FUNCTION search_pairs(d tsvector) RETURNS tsvector AS $$
      SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || '_' || b.lexeme)), ''::tsvector)
      FROM (SELECT u.lexeme, x.p, x.w FROM unnest(d) u, unnest(u.positions, u.weights) AS x(p, w)) a
      JOIN (SELECT u.lexeme, x.p, x.w FROM unnest(d) u, unnest(u.positions, u.weights) AS x(p, w)) b
        ON b.p = a.p + 1 AND b.w = a.w
    $$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE""",
    "ALTER TABLE search_document ADD COLUMN pairs tsvector NOT NULL DEFAULT ''",
    "UPDATE search_document SET pairs = search_pairs(document)",
    "CREATE INDEX search_document_pairs ON search_document USING gin (pairs)",
    "CREATE INDEX IF NOT EXISTS search_document_section ON search_document (language, section, rowid DESC)",
]
POSTGRESQL_BACK = [
    "DROP INDEX IF EXISTS search_document_section",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS pairs",
    "DROP FUNCTION IF EXISTS search_pairs(tsvector)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_BACK:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
