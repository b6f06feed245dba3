"""Keeping the search index in step with the registry.

``abierto.plans.services`` calls :func:`index` after every save and :func:`remove` on every delete
of a plan, commitment, milestone or institution. :func:`rebuild` recomputes the whole index in bulk
(management command ``rebuild_search_index``).

Only :class:`SearchDocument` rows are written here; the database derives its full-text structure
from them (a generated tsvector column on PostgreSQL, an FTS5 table fed by triggers on SQLite).
"""

import contextlib
import threading
from collections.abc import Iterable, Iterator

from django.db import connection, models, transaction
from django.urls import reverse
from django.utils.text import Truncator

from abierto.institutions.models import Institution
from abierto.plans.models import ActionPlan, Commitment, Milestone
from abierto.search import normalize
from abierto.search.models import KIND_ORDER, SearchDocument

Kind = SearchDocument.Kind

#: Source text kept for excerpts, in characters (the excerpt shown is a window of it).
EXCERPT_SOURCE_LENGTH = 4000
#: Terms indexed per document body; enough for the longest commitment, bounded for the databases.
MAX_BODY_TERMS = 20_000
#: Milestones have no title: their description stands for it, shortened to this many characters.
MILESTONE_TITLE_LENGTH = 160
BATCH_SIZE = 500

_UPDATE_FIELDS = [
    "title",
    "subtitle",
    "url",
    "excerpt",
    "title_stems",
    "body_stems",
    "kind_order",
    "title_sort",
    "plan_id",
    "commitment_id",
]


def _join(*parts: object) -> str:
    return "\n".join(str(part).strip() for part in parts if part not in (None, "") and str(part).strip())


def _excerpt_source(*parts: str) -> str:
    """The texts an excerpt may be cut from, on one line, separated by middle dots."""
    return " · ".join(" ".join(part.split()) for part in parts if part and part.strip())


def _document(
    kind: str,
    object_id: int,
    *,
    title: str,
    subtitle: str,
    url: str,
    title_text: str,
    body_text: str,
    excerpt: str,
    plan_id: int | None = None,
    commitment_id: int | None = None,
) -> SearchDocument:
    return SearchDocument(
        kind=kind,
        object_id=object_id,
        title=title,
        subtitle=subtitle,
        url=url[:500],
        excerpt=excerpt[:EXCERPT_SOURCE_LENGTH],
        title_stems=" ".join(normalize.terms(title_text)),
        body_stems=" ".join(normalize.terms(body_text)[:MAX_BODY_TERMS]),
        kind_order=KIND_ORDER[kind],
        title_sort=normalize.fold(" ".join(title.split()))[:200],
        plan_id=plan_id,
        commitment_id=commitment_id,
    )


# Documents, one builder per kind. Each takes an instance whose relations are already loaded
# (see the querysets below), so that rebuilding stays a handful of queries however large the registry.


def _plan_document(plan: ActionPlan) -> SearchDocument:
    period = f"{plan.start_year} {plan.end_year}"
    return _document(
        Kind.PLAN,
        plan.pk,
        title=plan.title,
        subtitle=_join(plan.government.name, plan.period_label).replace("\n", " · "),
        url=plan.get_absolute_url(),
        title_text=plan.title,
        body_text=_join(plan.description, period),
        excerpt=_excerpt_source(plan.description),
        plan_id=plan.pk,
    )


def _commitment_url(commitment_code: str, plan_slug: str) -> str:
    return reverse("plans:commitment_detail", kwargs={"plan_slug": plan_slug, "code": commitment_code})


def _commitment_label(code: str, title: str) -> str:
    return f"{code} · {title}" if title else code


def _commitment_document(commitment: Commitment) -> SearchDocument:
    plan = commitment.plan
    lead = commitment.lead_institution
    areas = [area.label for area in commitment.policy_areas.all()]
    areas += [area.name for area in commitment.policy_areas.all() if area.name_es and area.name != area.name_es]
    title = commitment.display_title or commitment.code
    return _document(
        Kind.COMMITMENT,
        commitment.pk,
        title=title,
        subtitle=_commitment_label(commitment.code, plan.title),
        url=_commitment_url(commitment.code, plan.slug),
        title_text=_join(commitment.code, commitment.ogp_id, commitment.title or commitment.title_en),
        body_text=_join(
            commitment.title_en if commitment.title else "",
            commitment.theme,
            commitment.brief_description,
            commitment.problem,
            commitment.main_objective,
            commitment.description,
            commitment.components,
            plan.title,
            lead.name if lead else "",
            lead.acronym if lead else "",
            *areas,
        ),
        excerpt=_excerpt_source(
            commitment.brief_description,
            commitment.main_objective,
            commitment.description,
            commitment.problem,
            commitment.components,
            commitment.theme,
        ),
        plan_id=plan.pk,
        commitment_id=commitment.pk,
    )


def _milestone_title(description: str) -> str:
    return Truncator(" ".join(description.split())).chars(MILESTONE_TITLE_LENGTH)


def _milestone_document(milestone: Milestone, commitment_url: str | None = None) -> SearchDocument:
    commitment = milestone.commitment
    if commitment_url is None:
        commitment_url = _commitment_url(commitment.code, commitment.plan.slug)
    title = _milestone_title(milestone.description)
    return _document(
        Kind.MILESTONE,
        milestone.pk,
        title=title or milestone.code or str(milestone.pk),
        subtitle=_commitment_label(commitment.code, commitment.display_title),
        url=f"{commitment_url}#hito-{milestone.pk}",
        title_text=_join(milestone.code, milestone.description),
        body_text=_join(milestone.expected_output, milestone.progress_description, milestone.responsibles_text),
        excerpt=_excerpt_source(
            # The description is the title; repeated only when the title had to shorten it.
            milestone.description if title != " ".join(milestone.description.split()) else "",
            milestone.expected_output,
            milestone.progress_description,
            milestone.responsibles_text,
        ),
        plan_id=commitment.plan_id,
        commitment_id=commitment.pk,
    )


def _institution_document(institution: Institution) -> SearchDocument:
    return _document(
        Kind.INSTITUTION,
        institution.pk,
        title=institution.name,
        subtitle=_join(institution.acronym, institution.get_branch_display()).replace("\n", " · "),
        url=institution.get_absolute_url(),
        title_text=_join(institution.name, institution.acronym),
        body_text="",
        excerpt="",
    )


def _plans() -> models.QuerySet:
    return ActionPlan.objects.select_related("government").order_by()


def _commitments() -> models.QuerySet:
    return (
        Commitment.objects.select_related("plan", "lead_institution")
        .prefetch_related("policy_areas")
        .order_by()
        .defer(
            "plan__description",
            "responsibles_text",
            "expected_results",
            "relevance",
            "ambition",
            "ogp_challenge",
            "additional_info",
        )
    )


def _milestones() -> models.QuerySet:
    return (
        Milestone.objects.select_related("commitment__plan")
        .order_by()
        .only(
            "id",
            "code",
            "description",
            "expected_output",
            "progress_description",
            "responsibles_text",
            "commitment__id",
            "commitment__code",
            "commitment__title",
            "commitment__title_en",
            "commitment__plan__id",
            "commitment__plan__slug",
        )
    )


def _milestone_documents(milestones: Iterable[Milestone]) -> Iterator[SearchDocument]:
    urls: dict[int, str] = {}
    for milestone in milestones:
        commitment = milestone.commitment
        if commitment.pk not in urls:
            urls[commitment.pk] = _commitment_url(commitment.code, commitment.plan.slug)
        yield _milestone_document(milestone, urls[commitment.pk])


def _save(documents: Iterable[SearchDocument]) -> int:
    """Insert or refresh documents in batches (one statement per batch)."""
    count = 0
    batch: list[SearchDocument] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= BATCH_SIZE:
            count += _upsert(batch)
            batch = []
    if batch:
        count += _upsert(batch)
    return count


def _upsert(batch: list[SearchDocument]) -> int:
    SearchDocument.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=_UPDATE_FIELDS,
    )
    return len(batch)


def _refresh_milestone_labels(commitment: Commitment) -> None:
    """A commitment's code, title or plan shows in its milestones' documents: refresh them in one statement."""
    subtitle = _commitment_label(commitment.code, commitment.display_title)
    prefix = _commitment_url(commitment.code, commitment.plan.slug) + "#hito-"
    stale = SearchDocument.objects.filter(kind=Kind.MILESTONE, commitment_id=commitment.pk).exclude(
        subtitle=subtitle, url__startswith=prefix
    )
    stale.update(
        subtitle=subtitle,
        plan_id=commitment.plan_id,
        url=models.functions.Concat(
            models.Value(prefix), models.functions.Cast("object_id", output_field=models.CharField())
        ),
    )


_state = threading.local()


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect index/remove calls during a bulk load and apply them once, in bulk, at the end.

    An importer saves a new commitment and then sets its policy areas: without this, it would be
    indexed twice, one query set at a time. Only the last action per object counts.
    """
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = {}
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    _flush(pending)


def _flush(pending: dict[tuple[type, int], tuple[str, models.Model]]) -> None:
    to_index: dict[type, set[int]] = {}
    for (model, pk), (action, instance) in pending.items():
        if action == "remove":
            _remove_now(instance)
        else:
            to_index.setdefault(model, set()).add(pk)
    institution_ids = to_index.get(Institution, set())
    if institution_ids:
        _save(_institution_document(i) for i in Institution.objects.filter(pk__in=institution_ids))
    commitment_ids = set(to_index.get(Commitment, set()))
    if institution_ids:
        commitment_ids |= set(
            Commitment.objects.filter(lead_institution_id__in=institution_ids).values_list("pk", flat=True)
        )
    plan_ids = to_index.get(ActionPlan, set())
    if plan_ids:
        _save(_plan_document(plan) for plan in _plans().filter(pk__in=plan_ids))
    for chunk in _chunks(sorted(commitment_ids), BATCH_SIZE):
        _save(_commitment_document(c) for c in _commitments().filter(pk__in=chunk))
    milestone_ids = set(to_index.get(Milestone, set()))
    if commitment_ids:
        # A commitment's title is its milestones' subtitle.
        milestone_ids |= set(Milestone.objects.filter(commitment_id__in=commitment_ids).values_list("pk", flat=True))
    for chunk in _chunks(sorted(milestone_ids), BATCH_SIZE):
        _save(_milestone_documents(_milestones().filter(pk__in=chunk)))


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _defer(action: str, instance: models.Model) -> bool:
    pending = getattr(_state, "pending", None)
    if pending is None or instance.pk is None:
        return False
    key = (type(instance), instance.pk)
    pending.pop(key, None)  # keep the order of the last action
    pending[key] = (action, instance)
    return True


def index(instance: models.Model) -> None:
    """Add or refresh the search document of a plan, commitment, milestone or institution."""
    if _defer("index", instance):
        return
    if isinstance(instance, ActionPlan):
        plan = _plans().filter(pk=instance.pk).first()
        if plan is not None:
            _save([_plan_document(plan)])
    elif isinstance(instance, Commitment):
        commitment = _commitments().filter(pk=instance.pk).first()
        if commitment is not None:
            _save([_commitment_document(commitment)])
            _refresh_milestone_labels(commitment)
    elif isinstance(instance, Milestone):
        milestone = _milestones().filter(pk=instance.pk).first()
        if milestone is not None:
            _save([_milestone_document(milestone)])
    elif isinstance(instance, Institution):
        institution = Institution.objects.filter(pk=instance.pk).first()
        if institution is not None:
            _save([_institution_document(institution)])
            # The commitments it leads mention its name.
            _save(_commitment_document(c) for c in _commitments().filter(lead_institution_id=institution.pk))


def remove(instance: models.Model) -> None:
    """Drop the search document of an instance that was deleted, and of what was deleted with it."""
    if _defer("remove", instance):
        return
    _remove_now(instance)


def _remove_now(instance: models.Model) -> None:
    documents = SearchDocument.objects.all()
    if isinstance(instance, ActionPlan):
        # Its commitments and milestones went with it (on delete cascade).
        documents = documents.filter(models.Q(kind=Kind.PLAN, object_id=instance.pk) | models.Q(plan_id=instance.pk))
    elif isinstance(instance, Commitment):
        documents = documents.filter(
            models.Q(kind=Kind.COMMITMENT, object_id=instance.pk)
            | models.Q(kind=Kind.MILESTONE, commitment_id=instance.pk)
        )
    elif isinstance(instance, Milestone):
        documents = documents.filter(kind=Kind.MILESTONE, object_id=instance.pk)
    elif isinstance(instance, Institution):
        documents = documents.filter(kind=Kind.INSTITUTION, object_id=instance.pk)
    else:
        return
    documents.delete()


GIN_INDEX = "search_document_vector_gin"


@transaction.atomic
def rebuild() -> int:
    """Recompute every document from the registry; returns how many there are."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        # The GIN index normally takes each write directly (fastupdate off: nothing pending for
        # searches to scan). For a bulk load, queue the entries and merge them once at the end.
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER INDEX {GIN_INDEX} SET (fastupdate = on)")
    SearchDocument.objects.all().delete()
    count = _save(_plan_document(plan) for plan in _plans().iterator(chunk_size=BATCH_SIZE))
    count += _save(_commitment_document(c) for c in _commitments().iterator(chunk_size=BATCH_SIZE))
    count += _save(_milestone_documents(_milestones().iterator(chunk_size=2000)))
    count += _save(_institution_document(i) for i in Institution.objects.order_by().iterator(chunk_size=BATCH_SIZE))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Merge the FTS5 segments written batch by batch into one b-tree: faster queries.
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        elif postgresql:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [GIN_INDEX])
            cursor.execute(f"ALTER INDEX {GIN_INDEX} SET (fastupdate = off)")
            # Fresh statistics for the planner (VACUUM, which cannot run in a transaction, is left to
            # autovacuum and to the rebuild_search_index command).
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")
    return count
