from django.db import migrations, models


# The full-text structures depend on the database; both are built from title_stems and body_stems,
# which hold terms already normalised in Python (abierto.search.normalize).

POSTGRESQL_FORWARD = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_stems), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_stems), 'B')
    ) STORED
    """,
    # Without fastupdate every write goes straight into the index: no pending list for searches to scan
    # (after a bulk rebuild it made the planner fall back to sequential scans).
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING GIN (search_vector) WITH (fastupdate = off)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title_stems, body_stems, tokenize = 'unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER search_fts_after_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts (rowid, title_stems, body_stems) VALUES (new.id, new.title_stems, new.body_stems);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_update AFTER UPDATE OF id, title_stems, body_stems ON search_searchdocument BEGIN
        DELETE FROM search_fts WHERE rowid = old.id;
        INSERT INTO search_fts (rowid, title_stems, body_stems) VALUES (new.id, new.title_stems, new.body_stems);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_delete AFTER DELETE ON search_searchdocument BEGIN
        DELETE FROM search_fts WHERE rowid = old.id;
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_after_delete",
    "DROP TRIGGER IF EXISTS search_fts_after_update",
    "DROP TRIGGER IF EXISTS search_fts_after_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


create_full_text = _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD})
drop_full_text = _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("plan", "Plan de acción"),
                            ("commitment", "Compromiso"),
                            ("milestone", "Hito"),
                            ("institution", "Institución"),
                        ],
                        max_length=12,
                        verbose_name="tipo",
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(verbose_name="identificador del objeto")),
                ("title", models.TextField(verbose_name="título")),
                ("subtitle", models.TextField(blank=True, verbose_name="subtítulo")),
                ("url", models.CharField(max_length=500, verbose_name="dirección")),
                ("excerpt", models.TextField(blank=True, verbose_name="texto para el extracto")),
                ("title_stems", models.TextField(blank=True)),
                ("body_stems", models.TextField(blank=True)),
                ("kind_order", models.PositiveSmallIntegerField(default=0)),
                ("title_sort", models.CharField(blank=True, max_length=200)),
                ("plan_id", models.PositiveBigIntegerField(blank=True, db_index=True, null=True)),
                ("commitment_id", models.PositiveBigIntegerField(blank=True, db_index=True, null=True)),
            ],
            options={
                "verbose_name": "documento de búsqueda",
                "verbose_name_plural": "documentos de búsqueda",
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_unique_object")
                ],
                "indexes": [models.Index(fields=["id", "kind_order", "title_sort"], name="search_doc_sort_idx")],
            },
        ),
        # PostgreSQL: a weighted tsvector generated from the stems, with a GIN index.
        # SQLite: an FTS5 table whose rowid is the document id, kept in step by triggers.
        migrations.RunPython(create_full_text, drop_full_text, elidable=False),
    ]
