"""The search index: one row per searchable plan, commitment, milestone or institution.

Rows are derived data, written only by ``abierto.search.services``. Besides the columns below, the
database keeps a full-text structure built from ``title_stems`` and ``body_stems`` (migration 0001):

* PostgreSQL: the generated column ``search_vector`` (tsvector, GIN index);
* SQLite: the FTS5 table ``search_fts`` (rowid = ``id``), kept in step by triggers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan de acción")
        COMMITMENT = "commitment", _("Compromiso")
        MILESTONE = "milestone", _("Hito")
        INSTITUTION = "institution", _("Institución")

    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("identificador del objeto"))
    # What the result shows.
    title = models.TextField(_("título"))
    subtitle = models.TextField(_("subtítulo"), blank=True)
    url = models.CharField(_("dirección"), max_length=500)
    excerpt = models.TextField(_("texto para el extracto"), blank=True)
    # What is searched: normalised terms separated by spaces (abierto.search.normalize).
    title_stems = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    # Stable ordering of results with equal rank, the same on every database.
    kind_order = models.PositiveSmallIntegerField(default=0)
    title_sort = models.CharField(max_length=200, blank=True)
    # Where the document belongs, so that deleting a plan or a commitment drops its documents too.
    plan_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    commitment_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("documento de búsqueda")
        verbose_name_plural = _("documentos de búsqueda")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object"),
        ]
        indexes = [
            # Covers what ranking needs besides the full-text match (SQLite joins every match through
            # it: see abierto.search.selectors), so wide rows are read only for the page shown.
            models.Index(fields=["id", "kind_order", "title_sort"], name="search_doc_sort_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


KIND_ORDER = {
    SearchDocument.Kind.PLAN: 0,
    SearchDocument.Kind.COMMITMENT: 1,
    SearchDocument.Kind.MILESTONE: 2,
    SearchDocument.Kind.INSTITUTION: 3,
}
