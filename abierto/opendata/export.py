"""The bulk download: every public resource as CSV, JSON and XLSX in one zip, described by a Frictionless
``datapackage.json`` in Spanish and English, under CC BY 4.0.

Memory does not grow with the data: rows are read from the database in chunks, each written at once to a CSV
and a JSON file on disk and to a write-only XLSX sheet; the zip is then assembled from those files.
"""

import csv
import datetime
import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from abierto.opendata.models import Export
from abierto.opendata.resources import REGISTRY, Column, Resource

CHUNK = 2000
KEEP_EXPORTS = 7
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
FRICTIONLESS_TYPES = {"array": "array", "datetime": "datetime", "date": "date"}


def csv_value(value: Any) -> str:
    """A cell as Frictionless reads it: booleans true/false, arrays as JSON, null as an empty cell."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rows(resource: Resource) -> Iterator[dict[str, Any]]:
    for row in resource.rows().iterator(chunk_size=CHUNK):
        yield resource.serialize(row)


def field_names(resource: Resource) -> list[str]:
    return [column.name for column in resource.columns]


class _Echo:
    def write(self, value: str) -> str:
        return value


def stream_csv(resource: Resource) -> Iterator[str]:
    """CSV lines for a streaming response."""
    writer = csv.writer(_Echo())
    names = field_names(resource)
    yield writer.writerow(names)
    for data in rows(resource):
        yield writer.writerow([csv_value(data.get(name)) for name in names])


def _field(column: Column) -> dict[str, Any]:
    field = {
        "name": column.name,
        "type": FRICTIONLESS_TYPES.get(column.type, column.type),
        "description": column.es,
        "description_en": column.en,
    }
    if column.type == "datetime":
        field["format"] = "%Y-%m-%dT%H:%M:%SZ"
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def datapackage(counts: dict[str, int], created: datetime.datetime) -> dict[str, Any]:
    resources = []
    for resource in REGISTRY.values():
        resources.append(
            {
                "name": resource.name,
                "path": f"csv/{resource.name}.csv",
                "profile": "tabular-data-resource",
                "title": resource.es,
                "title_en": resource.en,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "count": counts.get(resource.name, 0),
                "schema": {"fields": [_field(column) for column in resource.columns], "primaryKey": ["id"]},
            }
        )
        resources.append(
            {
                "name": f"{resource.name}-json",
                "path": f"json/{resource.name}.json",
                "profile": "data-resource",
                "title": resource.es,
                "title_en": resource.en,
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            }
        )
    resources.append(
        {
            "name": "abierto-xlsx",
            "path": "abierto.xlsx",
            "profile": "data-resource",
            "title": "Todos los recursos en una planilla (una hoja por recurso)",
            "title_en": "Every resource in one workbook (one sheet per resource)",
            "format": "xlsx",
            "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    )
    return {
        "profile": "tabular-data-package",
        "name": "abierto-datos-abiertos",
        "title": (
            "Datos abiertos de Estado Abierto: planes, compromisos, hitos, evaluaciones, reportes, cocreación y Mesa"
        ),
        "title_en": (
            "Open State open data: plans, commitments, milestones, assessments, reports, co-creation and the forum"
        ),
        "description": (
            "Todo lo público de la plataforma Abierto. Cada recurso está en CSV (descrito campo por campo), "
            "en JSON y como hoja de abierto.xlsx. Las descripciones de los campos están en español "
            "(description) y en inglés (description_en)."
        ),
        "description_en": (
            "Everything public on the Abierto platform. Each resource is a CSV (described field by field), "
            "a JSON file and a sheet of abierto.xlsx. Field descriptions are in Spanish (description) and "
            "English (description_en)."
        ),
        "licenses": [LICENSE],
        "created": created.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": resources,
    }


def write_package(target: Path) -> dict[str, int]:
    """Write the zip to ``target`` and return the number of rows per resource."""
    counts: dict[str, int] = {}
    created = timezone.now()
    bold = Font(bold=True)
    with tempfile.TemporaryDirectory(prefix="abierto-export-") as tmp:
        folder = Path(tmp)
        workbook = Workbook(write_only=True)
        readme = workbook.create_sheet("Léame")
        readme.append(["Recurso", "Campo", "Tipo", "Descripción", "Description (English)"])
        for resource in REGISTRY.values():
            for column in resource.columns:
                readme.append([resource.name, column.name, column.type, column.es, column.en])
        # One transaction: every file of the package shows the same moment of the data.
        with transaction.atomic():
            for resource in REGISTRY.values():
                names = field_names(resource)
                sheet = workbook.create_sheet(resource.name[:31])
                header = []
                for name in names:
                    cell = WriteOnlyCell(sheet, value=name)
                    cell.font = bold
                    header.append(cell)
                sheet.append(header)
                count = 0
                with (
                    open(folder / f"{resource.name}.csv", "w", newline="", encoding="utf-8") as csv_file,
                    open(folder / f"{resource.name}.json", "w", encoding="utf-8") as json_file,
                ):
                    writer = csv.writer(csv_file)
                    writer.writerow(names)
                    json_file.write("[")
                    for data in rows(resource):
                        writer.writerow([csv_value(data.get(name)) for name in names])
                        json_file.write(",\n" if count else "\n")
                        json_file.write(json.dumps(data, ensure_ascii=False))
                        sheet.append([_xlsx_value(data.get(name)) for name in names])
                        count += 1
                    json_file.write("\n]\n")
                counts[resource.name] = count
        workbook.save(folder / "abierto.xlsx")
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("datapackage.json", json.dumps(datapackage(counts, created), ensure_ascii=False, indent=2))
            for resource in REGISTRY.values():
                archive.write(folder / f"{resource.name}.csv", f"csv/{resource.name}.csv")
                archive.write(folder / f"{resource.name}.json", f"json/{resource.name}.json")
            archive.write(folder / "abierto.xlsx", "abierto.xlsx")
    return counts


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def build() -> Export:
    """Build a new export, store it through the default storage and keep the last few."""
    stale = timezone.now() - datetime.timedelta(hours=2)
    Export.objects.filter(status=Export.Status.RUNNING, started_at__lt=stale).update(
        status=Export.Status.FAILED, error="Interrumpida (el proceso terminó antes de completarla)."
    )
    export = Export.objects.create(started_at=timezone.now())
    try:
        with tempfile.TemporaryDirectory(prefix="abierto-zip-") as tmp:
            path = Path(tmp) / "abierto-datos.zip"
            counts = write_package(path)
            with open(path, "rb") as handle:
                export.file.save(f"abierto-datos-{export.started_at:%Y%m%d-%H%M%S}.zip", File(handle), save=False)
            export.size = path.stat().st_size
            export.sha256 = _digest(path)
        export.rows = counts
        export.status = Export.Status.READY
        export.finished_at = timezone.now()
        export.save()
    except Exception as error:
        export.status = Export.Status.FAILED
        export.error = f"{type(error).__name__}: {error}"
        export.finished_at = timezone.now()
        export.save()
        raise
    _prune()
    return export


def _prune() -> None:
    ready = list(Export.objects.filter(status=Export.Status.READY).order_by("-finished_at", "-id"))
    for old in ready[KEEP_EXPORTS:]:
        if old.file:
            old.file.delete(save=False)
        old.delete()


def latest() -> Export | None:
    return Export.objects.filter(status=Export.Status.READY).order_by("-finished_at", "-id").first()
