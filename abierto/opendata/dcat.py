"""The DCAT catalogue (JSON-LD) of the open data, for national portals that harvest (CKAN with ckanext-dcat,
as Chile's datos.gob.cl). One dataset per public resource, each with its CSV and its API as distributions,
plus one dataset for the whole bulk download."""

from typing import Any

from django.conf import settings
from django.db.models import Max
from django.urls import reverse

from abierto.opendata.export import latest
from abierto.opendata.resources import REGISTRY

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LICENSE = {"@id": "https://creativecommons.org/licenses/by/4.0/"}


def _both(es: str, en: str) -> list[dict[str, str]]:
    return [{"@value": es, "@language": "es"}, {"@value": en, "@language": "en"}]


def _moment(value) -> dict[str, str] | None:
    if value is None:
        return None
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


def catalogue(base: str) -> dict[str, Any]:
    publisher = {"@type": "foaf:Agent", "foaf:name": settings.ABIERTO_PUBLISHER}
    package = latest()
    package_modified = package.finished_at if package else None
    datasets = []
    for resource in REGISTRY.values():
        modified = None
        if resource.modified_field:
            modified = resource.rows().aggregate(last=Max(resource.modified_field))["last"]
        csv_url = base + reverse("datos:csv", args=[resource.name])
        api_url = base + reverse("opendata:list", args=[resource.name])
        dataset = {
            "@id": f"{base}{reverse('datos:index')}#{resource.name}",
            "@type": "dcat:Dataset",
            "dct:identifier": resource.name,
            "dct:title": _both(resource.es, resource.en),
            "dct:description": _both(
                f"{resource.es} publicados en {settings.ABIERTO_SITE_NAME}, campo por campo en la documentación.",
                f"{resource.en} published on {settings.ABIERTO_SITE_NAME}, described field by field in the docs.",
            ),
            "dcat:keyword": ["gobierno abierto", "estado abierto", "open government", "OGP"],
            "dct:publisher": publisher,
            "dct:license": LICENSE,
            "dcat:landingPage": {"@id": f"{base}{reverse('opendata:docs')}#{resource.name}"},
            "dcat:distribution": [
                {
                    "@id": csv_url,
                    "@type": "dcat:Distribution",
                    "dct:title": "CSV",
                    "dcat:downloadURL": {"@id": csv_url},
                    "dcat:accessURL": {"@id": csv_url},
                    "dcat:mediaType": "text/csv",
                    "dct:format": "CSV",
                    "dct:license": LICENSE,
                },
                {
                    "@id": api_url,
                    "@type": "dcat:Distribution",
                    "dct:title": "API JSON",
                    "dcat:accessURL": {"@id": api_url},
                    "dcat:mediaType": "application/json",
                    "dct:format": "JSON",
                    "dct:license": LICENSE,
                },
            ],
        }
        if modified or package_modified:
            dataset["dct:modified"] = _moment(modified or package_modified)
        datasets.append(dataset)
    if package is not None:
        zip_url = base + reverse("datos:package")
        datasets.append(
            {
                "@id": f"{base}{reverse('datos:index')}#descarga",
                "@type": "dcat:Dataset",
                "dct:identifier": "abierto-datos",
                "dct:title": _both("Descarga completa", "Full download"),
                "dct:description": _both(
                    "Todos los recursos en CSV, JSON y XLSX, con datapackage.json (Frictionless).",
                    "Every resource as CSV, JSON and XLSX, with datapackage.json (Frictionless).",
                ),
                "dct:publisher": publisher,
                "dct:license": LICENSE,
                "dct:modified": _moment(package_modified),
                "dcat:distribution": [
                    {
                        "@id": zip_url,
                        "@type": "dcat:Distribution",
                        "dct:title": "ZIP",
                        "dcat:downloadURL": {"@id": zip_url},
                        "dcat:accessURL": {"@id": zip_url},
                        "dcat:mediaType": "application/zip",
                        "dct:format": "ZIP",
                        "dcat:byteSize": {"@value": str(package.size), "@type": "xsd:decimal"},
                        "dct:license": LICENSE,
                    }
                ],
            }
        )
    return {
        "@context": CONTEXT,
        "@id": base + reverse("datos:catalogue"),
        "@type": "dcat:Catalog",
        "dct:title": _both(
            f"Datos abiertos de {settings.ABIERTO_SITE_NAME}", f"{settings.ABIERTO_SITE_NAME} open data"
        ),
        "dct:description": _both(
            "Planes de acción de gobierno abierto, compromisos, hitos, evaluaciones y reportes de avance.",
            "Open government action plans, commitments, milestones, assessments and progress reports.",
        ),
        "dct:publisher": publisher,
        "dct:license": LICENSE,
        "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/es"}],
        "foaf:homepage": {"@id": base + reverse("datos:index")},
        "dcat:dataset": datasets,
    }
