"""Importing the OGP IRM commitment sheet: members, plans, institutions, commitments, policy areas and
the IRM's assessment of each commitment.

- The file is checked as a whole first (readable, UTF-8, CSV, the sheet's columns, at least one row); a file
  that fails gets one message and changes nothing.
- The import is one transaction with a savepoint per row: a row that cannot be imported is refused with its
  row number (header = row 1) and the reason, and the other rows go in.
- Every write goes through ``abierto.plans.services`` (audit trail, progress, search). A save that would
  change nothing is skipped, so importing the same file twice changes nothing and records nothing.
- What this importer created (known from the audit trail) is updated from the sheet on every run; what a
  person or another loader wrote only gets its empty fields filled.
"""

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from abierto.assessments import irm
from abierto.assessments.irm import SheetError, Unrecognised
from abierto.assessments.models import Assessment
from abierto.audit.models import AuditEvent
from abierto.institutions.models import Government, Institution
from abierto.plans import services
from abierto.plans.models import ActionPlan, Commitment, PolicyArea

__all__ = ["ACTOR_LABEL_PREFIX", "ImportReport", "SheetError", "import_irm"]

ACTOR_LABEL_PREFIX = "Importación planilla IRM de OGP"
ASSESSMENT_SOURCE = "Planilla IRM de OGP"

KINDS = ("gobiernos", "planes", "instituciones", "compromisos", "evaluaciones", "áreas")
_RANK = {"unchanged": 0, "updated": 1, "created": 2}


# --- The report -------------------------------------------------------------------------------------


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class RefusedRow:
    row: int
    ogp_id: str
    reason: str

    def __str__(self) -> str:
        label = f" ({self.ogp_id})" if self.ogp_id else ""
        return f"fila {self.row}{label}: {self.reason}"


@dataclass
class ImportReport:
    file_name: str
    rows: int = 0
    imported: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})
    refused: list[RefusedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return any(tally.created or tally.updated for tally in self.tallies.values())

    def render(self) -> str:
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        lines = [
            f"Planilla IRM de OGP: {self.file_name}" + (" (simulación: no se guardó nada)" if self.dry_run else ""),
            f"Filas leídas: {self.rows} · importadas: {self.imported} · rechazadas: {len(self.refused)}"
            f" · tiempo: {seconds} s",
            "",
            f"{'':<14}{'creados':>9}{'actualizados':>14}{'sin cambios':>13}",
        ]
        for kind, tally in self.tallies.items():
            lines.append(f"{kind:<14}{tally.created:>9}{tally.updated:>14}{tally.unchanged:>13}")
        lines.append("")
        if self.refused:
            lines.append(f"Filas rechazadas ({len(self.refused)}):")
            lines.extend(f"  - {refusal}" for refusal in self.refused)
        else:
            lines.append("Filas rechazadas: ninguna.")
        if self.warnings:
            lines.append(f"Advertencias ({len(self.warnings)}):")
            lines.extend(f"  - {warning}" for warning in self.warnings)
        else:
            lines.append("Advertencias: ninguna.")
        return "\n".join(lines)


class _Warnings:
    """One line per kind of oddity, with how many rows had it and a few examples."""

    EXAMPLES = 3

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str | None], dict[str, Any]] = {}
        self.general: list[str] = []

    def add(self, message: str, row: int, *, example: str | None = None, value: str | None = None) -> None:
        entry = self._entries.setdefault((message, value), {"rows": [], "examples": []})
        if row not in entry["rows"]:
            entry["rows"].append(row)
        if example is not None and len(entry["examples"]) < self.EXAMPLES:
            entry["examples"].append((row, example))

    def lines(self) -> list[str]:
        lines = list(self.general)
        for (message, value), entry in self._entries.items():
            rows = entry["rows"]
            count = f"{len(rows)} {'fila' if len(rows) == 1 else 'filas'}"
            if value is not None:
                listed = ", ".join(str(row) for row in rows[: self.EXAMPLES])
                more = f" y {len(rows) - self.EXAMPLES} más" if len(rows) > self.EXAMPLES else ""
                lines.append(f"{message}: '{_excerpt(value)}' ({count}: {listed}{more})")
            elif entry["examples"]:
                examples = "; ".join(f"fila {row}: '{_excerpt(example)}'" for row, example in entry["examples"])
                lines.append(f"{message}: {count} (ej. {examples})")
            else:
                lines.append(f"{message}: {count}")
        return lines


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RowRefused(Exception):
    """This row cannot be imported; the message (Spanish) says why."""


# --- The import -------------------------------------------------------------------------------------


def import_irm(
    path_or_file: str | os.PathLike | IO, *, actor: Any = None, progress: bool = False, dry_run: bool = False
) -> ImportReport:
    """Import an IRM sheet (a path or an open file). Raises :class:`SheetError` if the file is not one."""
    started = time.monotonic()
    file_name, data = _read(path_or_file)
    text = irm.decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    header, rows = irm.read_table(text)
    report = ImportReport(file_name=file_name, rows=len(rows), dry_run=dry_run)
    label = f"{ACTOR_LABEL_PREFIX} ({file_name})"
    if len(label) > 200:  # AuditEvent.actor_label
        label = f"{ACTOR_LABEL_PREFIX} ({irm.shorten(file_name, 200 - len(ACTOR_LABEL_PREFIX) - 3)})"
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        run = _Run(header=header, rows=rows, actor=actor, actor_label=label, report=report)
        with services.bulk():
            run.import_rows(show_progress=progress)
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = time.monotonic() - started
    return report


def _read(path_or_file: str | os.PathLike | IO) -> tuple[str, bytes | str]:
    if isinstance(path_or_file, (str, os.PathLike)):
        path = Path(path_or_file)
        try:
            return path.name, path.read_bytes()
        except FileNotFoundError:
            raise SheetError(f"No se encontró el archivo «{path}».") from None
        except IsADirectoryError:
            raise SheetError(f"«{path}» es una carpeta, no un archivo CSV.") from None
        except OSError as error:
            raise SheetError(f"No se pudo leer el archivo «{path}»: {error.strerror}.") from None
    name = Path(str(getattr(path_or_file, "name", "") or "planilla.csv")).name
    return name, path_or_file.read()


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == {} or value == []


class _Run:
    """State of one import: caches of what exists, what this run touched, and the per-row undo log."""

    def __init__(
        self,
        *,
        header: list[str],
        rows: list[tuple[int, list[str]]],
        actor: Any,
        actor_label: str,
        report: ImportReport,
    ) -> None:
        self.header = header
        self.rows = rows
        self.actor = actor
        self.actor_label = actor_label
        self.report = report
        self.home_code = settings.ABIERTO_HOME_GOVERNMENT
        self.this_year = timezone.localdate().year
        self.warnings = _Warnings()

        # First occurrence of a repeated column name wins.
        self.col = {name: index for index, name in reversed(list(enumerate(header)))}
        self._columns_check()

        # Per-row staging: undone or merged when the row ends.
        self._undo: list[Callable[[], None]] = []
        self._row_outcomes: dict[tuple[str, Any], str] = {}
        self._row_warnings: list[tuple[str, int, str | None, str | None]] = []
        self._outcomes: dict[tuple[str, Any], str] = {}
        self.row = 0

        self._load()

    # -- setup --

    def _columns_check(self) -> None:
        repeated = sorted({name for name in self.header if name and self.header.count(name) > 1})
        if repeated:
            self.warnings.general.append(
                "Columnas repetidas en el encabezado (se usó la primera de cada una): "
                + ", ".join(f"'{name}'" for name in repeated)
            )
        absent = [column for column in dict.fromkeys(irm.MAPPED_COLUMNS) if column not in self.col]
        if absent:
            self.warnings.general.append(
                "Columnas esperadas ausentes (sus campos quedaron vacíos): " + ", ".join(f"'{c}'" for c in absent)
            )
        first, last = self.col.get(irm.FIRST_POLICY_AREA), self.col.get(irm.LAST_POLICY_AREA)
        if first is not None and last is not None and first <= last:
            self.area_columns = [(index, self.header[index]) for index in range(first, last + 1) if self.header[index]]
        else:
            self.area_columns = []
            self.warnings.general.append(
                f"No se encontraron las columnas de áreas de política ('{irm.FIRST_POLICY_AREA}' a "
                f"'{irm.LAST_POLICY_AREA}'): no se asignaron áreas."
            )
        start = self.col.get(irm.FIRST_IRM_COLUMN)
        if start is None:
            start = (last + 1) if last is not None else len(irm.COMMITMENT_COLUMNS)
        self.raw_columns: list[tuple[int, str]] = []
        names: set[str] = set()
        for index in range(start, len(self.header)):
            name = self.header[index] or f"columna {index + 1}"
            if name in names:
                name = f"{name} (columna {index + 1})"
            names.add(name)
            self.raw_columns.append((index, name))

    def _load(self) -> None:
        """Everything a row needs to look up, in a handful of queries."""
        self.owned = set(
            AuditEvent.objects.filter(
                action=AuditEvent.Action.CREATE,
                actor_label__startswith=ACTOR_LABEL_PREFIX,
                object_type__in=["government", "actionplan", "institution", "commitment", "assessment"],
            ).values_list("object_type", "object_id")
        )
        self.governments = {gov.code: gov for gov in Government.objects.order_by("pk")}
        self.plans = {
            (plan.government_id, plan.kind, plan.number): plan
            for plan in ActionPlan.objects.filter(number__isnull=False).order_by("pk")
        }
        self.plan_slugs = set(ActionPlan.objects.order_by().values_list("slug", flat=True))
        self.institution_slugs: set[str] = set()
        self.institutions: dict[int | None, dict[str, Institution]] = {}
        for institution in Institution.objects.order_by("pk"):
            self.institution_slugs.add(institution.slug)
            self.institutions.setdefault(institution.government_id, {}).setdefault(
                irm.key(institution.name), institution
            )
        self.areas: dict[str, PolicyArea] = {}
        self.area_slugs: dict[str, PolicyArea] = {}
        for area in PolicyArea.objects.order_by("pk"):
            self.areas.setdefault(irm.key(area.name), area)
            self.area_slugs.setdefault(area.slug, area)

        ids: set[str] = set()
        id_index = self.col[irm.COL_ID]
        for _, cells in self.rows:
            with contextlib.suppress(Unrecognised):
                ids.add(irm.normalise_ogp_id(cells[id_index] if id_index < len(cells) else ""))
        self.commitments: dict[str, Commitment] = {}
        self.assessments: dict[int, Assessment | None] = {}
        self.commitment_areas: dict[int, frozenset[int]] = {}
        ordered = sorted(ids)
        through = Commitment.policy_areas.through
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            found = list(
                Commitment.objects.filter(ogp_id__in=chunk)
                .select_related("plan", "plan__government", "lead_institution", "assessment")
                .order_by()
            )
            for commitment in found:
                self.commitments[commitment.ogp_id] = commitment
                self.assessments[commitment.pk] = _assessment_of(commitment)
                self.commitment_areas[commitment.pk] = frozenset()
            links = through.objects.filter(commitment_id__in=[c.pk for c in found]).values_list(
                "commitment_id", "policyarea_id"
            )
            for commitment_id, area_id in links:
                self.commitment_areas[commitment_id] |= {area_id}

        # Commitments someone else loaded under their OGP code without filling in the OGP id.
        self.unidentified = {
            (commitment.plan_id, commitment.code): commitment
            for commitment in Commitment.objects.filter(code__in=ordered)
            .filter(models.Q(ogp_id__isnull=True) | models.Q(ogp_id=""))
            .select_related("lead_institution", "assessment")
            .order_by("pk")
        }
        self.imported_ids: dict[str, int] = {}
        self.seen_governments: set[str] = set()
        self.seen_plans: set[tuple[int, str, int]] = set()

    # -- the loop --

    def import_rows(self, *, show_progress: bool) -> None:
        rows: Iterable[tuple[int, list[str]]] = self.rows
        bar = None
        if show_progress:
            from tqdm import tqdm

            # disable=None: the bar turns itself off when stderr is not a terminal.
            bar = tqdm(self.rows, desc="Importando planilla IRM", unit=" filas", file=sys.stderr, disable=None)
            rows = bar
        try:
            for number, cells in rows:
                self._one_row(number, cells)
            self.row = 0
            self._link_local_governments()
        finally:
            if bar is not None:
                bar.close()
        report = self.report
        report.warnings = self.warnings.lines()
        for (kind, _), outcome in self._outcomes.items():
            tally = report.tallies[kind]
            setattr(tally, outcome, getattr(tally, outcome) + 1)

    def _one_row(self, number: int, cells: list[str]) -> None:
        self.row = number
        self._undo, self._row_outcomes, self._row_warnings = [], {}, []
        ogp_id = ""
        try:
            with transaction.atomic():
                ogp_id = self._row(cells)
        except RowRefused as refusal:
            self._refuse(number, cells, str(refusal))
        except ValidationError as error:
            self._refuse(number, cells, "datos no válidos: " + _validation_message(error))
        except DatabaseError as error:
            self._refuse(number, cells, f"la base de datos rechazó la fila: {' '.join(str(error).split())}")
        else:
            self.report.imported += 1
            self.imported_ids[ogp_id] = number
            for item, outcome in self._row_outcomes.items():
                self._merge(self._outcomes, item, outcome)
            for message, row, example, value in self._row_warnings:
                self.warnings.add(message, row, example=example, value=value)

    def _refuse(self, number: int, cells: list[str], reason: str) -> None:
        for undo in reversed(self._undo):
            undo()
        index = self.col[irm.COL_ID]
        raw_id = " ".join((cells[index] if index < len(cells) else "").split())[:20]
        self.report.refused.append(RefusedRow(number, raw_id, reason))

    # -- helpers --

    def cell(self, cells: list[str], column: str) -> str:
        index = self.col.get(column)
        if index is None or index >= len(cells):
            return ""
        return cells[index]

    def warn(self, message: str, *, example: str | None = None, value: str | None = None) -> None:
        self._row_warnings.append((message, self.row, example, value))

    def on_undo(self, undo: Callable[[], None]) -> None:
        self._undo.append(undo)

    @staticmethod
    def _merge(outcomes: dict[tuple[str, Any], str], item: tuple[str, Any], outcome: str) -> None:
        current = outcomes.get(item)
        if current is None or _RANK[outcome] > _RANK[current]:
            outcomes[item] = outcome

    def outcome(self, kind: str, instance: models.Model, outcome: str) -> None:
        self._merge(self._row_outcomes, (kind, instance.pk), outcome)

    def owns(self, instance: models.Model) -> bool:
        return (instance._meta.model_name, str(instance.pk)) in self.owned

    def save(self, instance: models.Model) -> None:
        """Save through the registry's services. Commitments and assessments, one or two per row, are checked
        field by field here and left to the database's constraints for uniqueness, which spares the
        per-row lookups of a full validation; the few members, plans and institutions get the full one."""
        if isinstance(instance, (Commitment, Assessment)):
            instance.clean_fields(exclude=[f.name for f in instance._meta.concrete_fields if f.is_relation])
            services.save(instance, actor=self.actor, actor_label=self.actor_label, validate=False)
        else:
            services.save(instance, actor=self.actor, actor_label=self.actor_label)

    def create(self, instance: models.Model, kind: str) -> models.Model:
        self.save(instance)
        item = (instance._meta.model_name, str(instance.pk))
        self.owned.add(item)
        self.on_undo(lambda: self.owned.discard(item))
        self.outcome(kind, instance, "created")
        return instance

    def update(self, instance: models.Model, values: dict[str, Any], kind: str) -> tuple[bool, list[str]]:
        """Apply ``values``: all of them on what this importer created, only into empty fields otherwise.

        Saves only when something changes. Returns whether it saved and the fields whose different
        value was kept because someone else wrote it.
        """
        owned = self.owns(instance)
        changed, kept = {}, []
        for name, value in values.items():
            current = getattr(instance, name)
            if current == value:
                continue
            if owned or _empty(current):
                changed[name] = value
            elif not _empty(value):
                kept.append(name)
        if changed:
            self.on_undo(instance.refresh_from_db)
            for name, value in changed.items():
                setattr(instance, name, value)
            self.save(instance)
        self.outcome(kind, instance, "updated" if changed else "unchanged")
        return bool(changed), kept

    def cache(self, mapping: dict, key: Any, value: Any) -> None:
        missing = object()
        previous = mapping.get(key, missing)
        mapping[key] = value
        if previous is missing:
            self.on_undo(lambda: mapping.pop(key, None))
        else:
            self.on_undo(lambda: mapping.__setitem__(key, previous))

    def remember(self, seen: set, key: Any) -> None:
        if key not in seen:
            seen.add(key)
            self.on_undo(lambda: seen.discard(key))

    def parsed(self, parser: Callable[[str], Any], column: str, raw: str, empty: Any = None) -> Any:
        try:
            return parser(raw)
        except Unrecognised:
            self.warn(f"Valor desconocido en '{column}'", value=raw.strip())
            return empty

    def text(self, raw: str, column: str, limit: int | None = None) -> str:
        value = irm.clean(raw)
        if limit and len(value) > limit:
            self.warn(f"Texto de '{column}' más largo que {limit} caracteres; se acortó", example=value[:40])
            value = irm.shorten(value, limit)
        return value

    # -- one row --

    def _row(self, cells: list[str]) -> str:
        def get(column: str) -> str:
            return self.cell(cells, column)

        if len(cells) != len(self.header):
            self.warn(
                "Fila con un número de columnas distinto del encabezado",
                example=f"{len(cells)} columnas en vez de {len(self.header)}",
            )
        raw_id = get(irm.COL_ID)
        if irm.is_missing(raw_id):
            raise RowRefused(f"falta el identificador del compromiso (columna '{irm.COL_ID}')")
        try:
            ogp_id = irm.normalise_ogp_id(raw_id)
        except Unrecognised:
            raise RowRefused(
                f"identificador de compromiso no válido: '{_excerpt(raw_id)}' "
                "(se esperan dos o tres letras y cuatro dígitos, p. ej. CL0050)"
            ) from None
        if ogp_id in self.imported_ids:
            raise RowRefused(f"compromiso repetido: {ogp_id} ya se importó en la fila {self.imported_ids[ogp_id]}")

        raw_code = get(irm.COL_CODE)
        if irm.is_missing(raw_code):
            raise RowRefused(f"falta el código del miembro (columna '{irm.COL_CODE}')")
        try:
            code = irm.normalise_member_code(raw_code)
        except Unrecognised:
            raise RowRefused(f"código de miembro no válido: '{_excerpt(raw_code)}'") from None
        member = irm.clean(get(irm.COL_MEMBER))
        if not member:
            raise RowRefused(f"falta el nombre del miembro (columna '{irm.COL_MEMBER}')")
        kind = irm.government_kind(get(irm.COL_KIND))
        if kind is None:
            raise RowRefused(
                f"tipo de miembro no reconocido en '{irm.COL_KIND}': '{_excerpt(get(irm.COL_KIND))}' "
                "(se espera 'National' o 'Local')"
            )
        plan_number = self._required_number(get(irm.COL_PLAN_NUMBER), irm.COL_PLAN_NUMBER, "el número del plan")
        start_year = self._required_number(get(irm.COL_YEAR), irm.COL_YEAR, "el año de entrega del plan", year=True)
        end_year = self._required_number(
            get(irm.COL_END_YEAR), irm.COL_END_YEAR, "el año de término del plan", year=True
        )
        if end_year < start_year:
            raise RowRefused(f"el año de término del plan ({end_year}) es anterior al de entrega ({start_year})")

        url = irm.clean(get(irm.COL_URL))
        if url and not url.startswith(("http://", "https://")):
            self.warn(f"Dirección no reconocida en '{irm.COL_URL}'", example=url)
            url = ""

        government = self._government(
            code=code,
            name=irm.shorten(member, 200),
            kind=kind,
            region=irm.shorten(irm.clean(get(irm.COL_REGION)), 60),
            url=irm.member_url(url),
        )
        plan = self._plan(
            government,
            kind=kind,
            number=plan_number,
            start_year=start_year,
            end_year=end_year,
            ogp_plan_id=irm.clean(get(irm.COL_PLAN_ID))[:20],
        )

        lead_cell = irm.clean(get(irm.COL_LEAD))
        lead_name, abbreviated = irm.lead_institution_name(lead_cell)
        lead = self._institution(government, lead_name) if lead_name else None
        responsibles = []
        if abbreviated:
            self.warn(
                "Institución responsable con varias instituciones o muy larga: se tomó la primera como nombre y "
                "el texto completo quedó en «responsables según la fuente»",
                example=lead_name,
            )
            responsibles.append(f"Institución responsable: {lead_cell}")
        supporting = irm.clean(get(irm.COL_SUPPORT))
        if supporting:
            responsibles.append(f"Instituciones de apoyo: {supporting}")

        start_date, end_date, dates_text = self._dates(get(irm.COL_START), get(irm.COL_END))
        values = {
            "plan": plan,
            "code": ogp_id,
            "ogp_id": ogp_id,
            "number": irm.shorten(irm.normalise_commitment_number(get(irm.COL_NUMBER)), 12),
            "title": self.text(get(irm.COL_TITLE), irm.COL_TITLE, 500),
            "title_en": self.text(get(irm.COL_SHORT_TITLE), irm.COL_SHORT_TITLE, 500),
            "theme": self.text(get(irm.COL_THEME), irm.COL_THEME, 300),
            "description": irm.clean(get(irm.COL_FULL_TEXT)),
            "start_date": start_date,
            "end_date": end_date,
            "dates_text": dates_text,
            "year": start_year,
            "lead_institution": lead,
            "responsibles_text": "\n\n".join(responsibles),
            "source": url if len(url) <= 300 else "",
        }
        areas = self._areas(cells)
        commitment = self._commitment(ogp_id, plan, values, areas)
        self._assessment(commitment, self._assessment_values(get, cells))
        return ogp_id

    def _required_number(self, raw: str, column: str, what: str, *, year: bool = False) -> int:
        if irm.is_missing(raw):
            raise RowRefused(f"falta {what} (columna '{column}')")
        try:
            number = irm.parse_year(raw) if year else irm.parse_int(raw)
        except Unrecognised:
            number = None
        if not number or number > 32767:
            raise RowRefused(f"{what} no se reconoce: '{_excerpt(raw)}' (columna '{column}')")
        return number

    def _dates(self, raw_start: str, raw_end: str) -> tuple[Any, Any, str]:
        day_first = irm.numeric_dates_day_first([raw_start, raw_end])
        readings = []
        approximate = False
        for raw, column, end in ((raw_start, irm.COL_START, False), (raw_end, irm.COL_END, True)):
            try:
                reading = irm.parse_date(raw, end=end, day_first=day_first)
            except Unrecognised:
                self.warn(f"Fecha no reconocida en '{column}'", example=raw.strip())
                reading, approximate = None, True
            if reading is not None and reading.day_first:
                self.warn(f"Fecha leída como día/mes/año en '{column}'", example=raw.strip())
            if reading is not None and not reading.exact:
                edge = "el último" if end else "el primer"
                self.warn(
                    f"Fecha aproximada (mes, trimestre o año) en '{column}': se usó {edge} día del período",
                    example=raw.strip(),
                )
                approximate = True
            readings.append(reading.value if reading else None)
        start, finish = readings
        if start and finish and finish < start:
            self.warn(
                "Fecha de término anterior a la de inicio: se dejó vacía la de término",
                example=f"{raw_start.strip()} – {raw_end.strip()}",
            )
            finish, approximate = None, True
        text = ""
        if approximate:
            parts = [
                f"{label}: {' '.join(raw.split())}"
                for label, raw in (("Inicio", raw_start), ("Término", raw_end))
                if not irm.is_missing(raw)
            ]
            text = irm.shorten(" · ".join(parts), 120)
        return start, finish, text

    def _assessment_values(self, get: Callable[[str], str], cells: list[str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, column in irm.YEAR_FIELDS.items():
            values[name] = self.parsed(irm.parse_year, column, get(column))
        for name, column in irm.BOOLEAN_FIELDS.items():
            values[name] = self.parsed(irm.parse_bool, column, get(column))
        for name, (column, vocabulary) in irm.CHOICE_FIELDS.items():
            values[name] = self.parsed(lambda raw, v=vocabulary: irm.parse_choice(raw, v), column, get(column), "")
        stars = [self.parsed(irm.parse_bool, column, get(column)) for column in irm.STARRED_COLUMNS]
        values["irm_starred"] = irm.combine_stars(stars)
        values["source"] = ASSESSMENT_SOURCE
        values["source_row_id"] = irm.clean(get(irm.COL_ROW_ID))[:20]
        values["raw_values"] = {name: cells[index] if index < len(cells) else "" for index, name in self.raw_columns}
        return values

    def _areas(self, cells: list[str]) -> list[PolicyArea]:
        areas = []
        for index, name in self.area_columns:
            raw = cells[index] if index < len(cells) else ""
            marked = self.parsed(irm.is_policy_area_marked, name, raw, False)
            if marked:
                area = self._area(name)
                if area is not None:
                    areas.append(area)
        return areas

    # -- writers, one per kind --

    def _government(self, *, code: str, name: str, kind: str, region: str, url: str) -> Government:
        values = {"name": name, "kind": kind, "region": region, "ogp_url": url}
        government = self.governments.get(code)
        if government is None:
            government = Government(code=code, **values)
            if kind == Government.Kind.LOCAL:
                government.country = self._national_government_of(name)
            self.create(government, "gobiernos")
            self.cache(self.governments, code, government)
            self.cache(self.institutions, government.pk, {})
            self.remember(self.seen_governments, code)
        elif code not in self.seen_governments:
            self.remember(self.seen_governments, code)
            _, kept = self.update(government, values, "gobiernos")
            if kept:
                self.warn(
                    "Miembro existente cargado por otra fuente: se conservaron sus datos distintos de la planilla",
                    example=f"{code}: {', '.join(kept)}",
                )
        else:
            different = [name for name, value in values.items() if value and getattr(government, name) != value]
            if different and self.owns(government):
                self.warn(
                    "Datos del miembro distintos entre filas: se usaron los de la primera fila",
                    example=f"{code}: {', '.join(different)}",
                )
        return government

    def _national_government_of(self, local_name: str) -> Government | None:
        country = irm.key(irm.country_of_locality(local_name))
        if not country:
            return None
        for government in self.governments.values():
            if government.kind == Government.Kind.NATIONAL and irm.key(government.name) == country:
                return government
        return None

    def _link_local_governments(self) -> None:
        """A local member listed before its country's first row gets its country at the end."""
        for code in sorted(self.seen_governments):
            government = self.governments[code]
            if government.kind != Government.Kind.LOCAL or government.country_id:
                continue
            country = self._national_government_of(government.name)
            if country is None:
                continue
            self._undo, self._row_outcomes = [], {}
            try:
                with transaction.atomic():
                    self.update(government, {"country": country}, "gobiernos")
            except (ValidationError, DatabaseError):
                for undo in reversed(self._undo):
                    undo()
            else:
                for item, outcome in self._row_outcomes.items():
                    self._merge(self._outcomes, item, outcome)

    def _plan(
        self, government: Government, *, kind: str, number: int, start_year: int, end_year: int, ogp_plan_id: str
    ) -> ActionPlan:
        identity = (government.pk, kind, number)
        local = kind == ActionPlan.Kind.LOCAL
        values = {
            "title": irm.plan_title(
                number=number, member=government.name, local=local, start_year=start_year, end_year=end_year
            )[:300],
            "start_year": start_year,
            "end_year": end_year,
            "ogp_plan_id": ogp_plan_id,
        }
        plan = self.plans.get(identity)
        if plan is None:
            home = government.code == self.home_code and not local
            plan = ActionPlan(
                government=government,
                kind=kind,
                number=number,
                slug=self._plan_slug(irm.plan_slug(code=government.code, number=number, home=home), kind),
                source=ASSESSMENT_SOURCE,
                status=ActionPlan.Status.CLOSED if end_year < self.this_year else ActionPlan.Status.IMPLEMENTATION,
                **values,
            )
            self.create(plan, "planes")
            self.cache(self.plans, identity, plan)
            self.remember(self.plan_slugs, plan.slug)
            self.remember(self.seen_plans, identity)
        elif identity not in self.seen_plans:
            self.remember(self.seen_plans, identity)
            _, kept = self.update(plan, values, "planes")
            kept = [name for name in kept if name != "title"]  # a plan's own title is expected to differ
            if kept:
                self.warn(
                    "Plan existente cargado por otra fuente: se conservaron sus datos distintos de la planilla",
                    example=f"{plan.slug}: " + ", ".join(f"{name} {getattr(plan, name)}" for name in kept),
                )
        else:
            different = [
                name for name in ("start_year", "end_year", "ogp_plan_id") if getattr(plan, name) != values[name]
            ]
            if different and self.owns(plan):
                self.warn(
                    "Datos del plan distintos entre filas: se usaron los de la primera fila",
                    example=f"{plan.slug}: {', '.join(different)}",
                )
        return plan

    def _plan_slug(self, base: str, kind: str) -> str:
        slug, counter = base, 1
        while slug in self.plan_slugs:
            counter += 1
            slug = f"{base}-{kind}" if counter == 2 else f"{base}-{kind}-{counter}"
        return slug

    def _institution(self, government: Government, name: str) -> Institution:
        index = self.institutions.get(government.pk)
        if index is None:
            index = {}
            self.cache(self.institutions, government.pk, index)
        found = index.get(irm.key(name))
        if found is not None:
            self.outcome("instituciones", found, "unchanged")
            return found
        home = government.code == self.home_code
        base = irm.institution_slug(name, code=government.code, home=home)
        slug, counter = base, 1
        while slug in self.institution_slugs:
            counter += 1
            slug = f"{base[: 120 - len(str(counter)) - 1]}-{counter}"
        institution = Institution(
            name=name,
            slug=slug,
            branch=irm.guess_branch(name, local=government.kind == Government.Kind.LOCAL),
            government=government,
        )
        self.create(institution, "instituciones")
        self.cache(index, irm.key(name), institution)
        self.remember(self.institution_slugs, slug)
        return institution

    def _area(self, column: str) -> PolicyArea | None:
        slug = slugify(column)[:120].strip("-")
        area = self.areas.get(irm.key(column)) or self.area_slugs.get(slug)
        if area is not None:
            self.outcome("áreas", area, "unchanged")
            return area
        if not slug:
            self.warn("Área de política sin nombre utilizable: no se asignó", example=column)
            return None
        area = PolicyArea(name=column[:120], slug=slug)
        self.create(area, "áreas")
        self.cache(self.areas, irm.key(column), area)
        self.cache(self.area_slugs, slug, area)
        return area

    def _commitment(self, ogp_id: str, plan: ActionPlan, values: dict[str, Any], areas: list[PolicyArea]) -> Commitment:
        commitment = self.commitments.get(ogp_id)
        if commitment is None:
            commitment = self.unidentified.get((plan.pk, ogp_id))
            if commitment is not None and commitment.pk not in self.assessments:
                self.assessments[commitment.pk] = _assessment_of(commitment)
                self.commitment_areas[commitment.pk] = frozenset(commitment.policy_areas.values_list("pk", flat=True))
        desired = frozenset(area.pk for area in areas)
        if commitment is None:
            commitment = self.create(Commitment(**values), "compromisos")
            self.cache(self.commitments, ogp_id, commitment)
            self.cache(self.assessments, commitment.pk, None)
            current: frozenset[int] = frozenset()
            owned = True
        else:
            owned = self.owns(commitment)
            _, kept = self.update(commitment, values, "compromisos")
            current = self.commitment_areas.get(commitment.pk, frozenset())
            if desired != current and current and not owned:
                kept.append("policy_areas")
            if kept:
                self.warn(
                    "Compromiso existente cargado por otra fuente: se conservaron sus valores y solo se "
                    "completaron campos vacíos",
                    example=f"{ogp_id}: {', '.join(kept)}",
                )
        if desired != current and (owned or not current):
            services.set_related(commitment, "policy_areas", areas, actor=self.actor, actor_label=self.actor_label)
            self.cache(self.commitment_areas, commitment.pk, desired)
            self.outcome("compromisos", commitment, "updated")
        return commitment

    def _assessment(self, commitment: Commitment, values: dict[str, Any]) -> Assessment:
        if commitment.pk in self.assessments:
            assessment = self.assessments[commitment.pk]
        else:
            assessment = Assessment.objects.filter(commitment=commitment).first()
        if assessment is None:
            assessment = self.create(Assessment(commitment=commitment, **values), "evaluaciones")
            self.cache(self.assessments, commitment.pk, assessment)
            return assessment
        _, kept = self.update(assessment, values, "evaluaciones")
        if kept:
            self.warn(
                "Evaluación existente registrada por otra fuente: se conservaron sus valores y solo se "
                "completaron campos vacíos",
                example=f"{commitment.ogp_id}: {', '.join(kept)}",
            )
        return assessment


def _assessment_of(commitment: Commitment) -> Assessment | None:
    try:
        return commitment.assessment
    except ObjectDoesNotExist:
        return None


def _validation_message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(message) for message in messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)
