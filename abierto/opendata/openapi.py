"""The OpenAPI 3.1 document of the read API, generated from the resource descriptions."""

from typing import Any

from django.utils.translation import gettext as _

from abierto.opendata.api import DEFAULT_LIMIT, MAX_LIMIT
from abierto.opendata.resources import REGISTRY, Column, Filter

JSON_TYPES = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "array": {"type": "array", "items": {"type": "string"}},
}


def _schema(column: Column) -> dict[str, Any]:
    schema = dict(JSON_TYPES[column.type])
    if column.enum:
        schema["enum"] = list(column.enum) + ([None] if column.nullable else [])
    if column.nullable:
        schema["type"] = [schema["type"], "null"]
    schema["description"] = column.description()
    return schema


def _filter_parameter(flt: Filter) -> dict[str, Any]:
    schema = dict(JSON_TYPES[flt.type])
    return {"name": flt.param, "in": "query", "required": False, "description": flt.description(), "schema": schema}


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def document(server_url: str) -> dict[str, Any]:
    paging = [
        {
            "name": "cursor",
            "in": "query",
            "required": False,
            "description": _("Cursor opaco de la página siguiente (campo «next» de la respuesta)."),
            "schema": {"type": "string"},
        },
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": _("Filas por página."),
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        },
    ]
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "details": {"type": "object"},
                    },
                }
            },
        }
    }
    for resource in REGISTRY.values():
        component = "".join(part.capitalize() for part in resource.name.split("-"))
        properties = {column.name: _schema(column) for column in resource.columns}
        if resource.html_url is not None:
            properties["html_url"] = {"type": "string", "description": _("Página pública del registro.")}
        schemas[component] = {
            "type": "object",
            "title": resource.title(),
            "required": [column.name for column in resource.columns] + (["html_url"] if resource.html_url else []),
            "properties": properties,
            "additionalProperties": False,
        }
        schemas[f"{component}Page"] = {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{component}"}},
                "next": {"type": ["string", "null"], "format": "uri"},
            },
        }
        paths[f"/api/v1/{resource.name}/"] = {
            "get": {
                "operationId": f"list_{resource.name.replace('-', '_')}",
                "summary": resource.title(),
                "tags": [resource.title()],
                "parameters": [_filter_parameter(flt) for flt in resource.filters] + paging,
                "responses": {
                    "200": {
                        "description": resource.title(),
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}Page"}}},
                    },
                    "304": {"description": _("Sin cambios desde la versión indicada en If-None-Match.")},
                    "400": _error_response(_("Parámetro desconocido o con un valor no válido.")),
                },
            }
        }
        paths[f"/api/v1/{resource.name}/{{id}}/"] = {
            "get": {
                "operationId": f"get_{resource.name.replace('-', '_')}",
                "summary": resource.title(),
                "tags": [resource.title()],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": resource.title(),
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
                    },
                    "304": {"description": _("Sin cambios desde la versión indicada en If-None-Match.")},
                    "404": _error_response(_("No existe ese registro, o no es público.")),
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("API de datos abiertos de Abierto"),
            "version": "1.0.0",
            "description": _(
                "Lectura de todos los datos públicos de la plataforma: planes de acción, compromisos, hitos, "
                "indicadores, evidencia, evaluaciones y reportes. Sin autenticación; CORS abierto para lectura."
            ),
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
