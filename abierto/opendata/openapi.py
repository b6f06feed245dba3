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
    _write_paths(paths, schemas)
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
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "apiKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": _("Clave personal creada en /cuentas/claves-api/ (contrapartes y secretaría)."),
                }
            },
        },
    }


def _write_paths(paths: dict[str, Any], schemas: dict[str, Any]) -> None:
    """The write API (``abierto.opendata.write_api``): reports of the key holder's institution."""
    from abierto.opendata.write_api import MILESTONE_STATUSES, TEMPLATE_FIELDS

    text = {"type": ["string", "null"]}
    schemas["MilestoneChange"] = {
        "type": "object",
        "required": ["milestone", "status", "progress"],
        "properties": {
            "milestone": {"type": "integer"},
            "status": {"type": "string", "enum": list(MILESTONE_STATUSES)},
            "progress": {"type": "integer", "minimum": 0, "maximum": 100},
            "actual_start_date": {"type": ["string", "null"], "format": "date"},
            "actual_end_date": {"type": ["string", "null"], "format": "date"},
            "note": text,
        },
    }
    schemas["EvidenceLinkIn"] = {
        "type": "object",
        "required": ["title", "url"],
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "date": {"type": ["string", "null"], "format": "date"},
            "milestone": {"type": ["integer", "null"]},
        },
    }
    template = {name: text for name in TEMPLATE_FIELDS}
    schemas["ReportChanges"] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            **template,
            "milestones": {"type": "array", "items": {"$ref": "#/components/schemas/MilestoneChange"}},
            "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/EvidenceLinkIn"}},
        },
    }
    schemas["ReportNew"] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["commitment", "period"],
        "properties": {
            "commitment": {"type": "integer", "minimum": 1},
            "period": {"type": "integer", "minimum": 1},
            **schemas["ReportChanges"]["properties"],
        },
    }
    schemas["MyReport"] = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "commitment": {"type": "integer"},
            "period": {"type": ["integer", "null"]},
            "status": {"type": "string"},
            "version": {"type": "integer"},
            "entered_on_behalf": {"type": "boolean"},
            **template,
            "milestones": {"type": "array", "items": {"$ref": "#/components/schemas/MilestoneChange"}},
            "evidence": {"type": "array", "items": {"type": "object"}},
        },
    }
    secured = [{"apiKey": []}]
    report = {"application/json": {"schema": {"$ref": "#/components/schemas/MyReport"}}}
    errors = {
        "400": _error_response(_("Datos no válidos: nada se guardó.")),
        "401": _error_response(_("Falta una clave de API válida.")),
        "403": _error_response(_("La clave no permite esa acción.")),
    }
    tag = [_("Escritura (contrapartes)")]
    report_id = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
    paths["/api/v1/me/"] = {
        "get": {
            "operationId": "me",
            "summary": _("Persona dueña de la clave y sus roles"),
            "tags": tag,
            "security": secured,
            "responses": {"200": {"description": "OK"}, "401": errors["401"]},
        }
    }
    paths["/api/v1/me/reports/"] = {
        "get": {
            "operationId": "my_reports",
            "summary": _("Reportes de su institución, borradores incluidos"),
            "tags": tag,
            "security": secured,
            "parameters": [
                {"name": "period", "in": "query", "schema": {"type": "integer"}},
                {"name": "commitment", "in": "query", "schema": {"type": "integer"}},
                {"name": "status", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {"200": {"description": "OK"}, "400": errors["400"], "401": errors["401"]},
        },
        "post": {
            "operationId": "create_report",
            "summary": _("Crear un borrador de reporte"),
            "tags": tag,
            "security": secured,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportNew"}}},
            },
            "responses": {"201": {"description": _("Creado"), "content": report}, **errors},
        },
    }
    paths["/api/v1/me/reports/{id}/"] = {
        "get": {
            "operationId": "my_report",
            "summary": _("Un reporte"),
            "tags": tag,
            "security": secured,
            "parameters": report_id,
            "responses": {
                "200": {"description": "OK", "content": report},
                "401": errors["401"],
                "404": _error_response(_("No existe o no es de su institución.")),
            },
        },
        "patch": {
            "operationId": "update_report",
            "summary": _("Editar un borrador o un reporte devuelto"),
            "tags": tag,
            "security": secured,
            "parameters": report_id,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportChanges"}}},
            },
            "responses": {"200": {"description": "OK", "content": report}, **errors},
        },
    }
    paths["/api/v1/me/reports/{id}/files/"] = {
        "post": {
            "operationId": "add_report_file",
            "summary": _("Adjuntar un archivo de evidencia"),
            "tags": tag,
            "security": secured,
            "parameters": report_id,
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["title", "file"],
                            "properties": {
                                "title": {"type": "string"},
                                "file": {"type": "string", "format": "binary"},
                                "date": {"type": "string", "format": "date"},
                                "milestone": {"type": "integer"},
                            },
                        }
                    }
                },
            },
            "responses": {"201": {"description": _("Adjuntado"), "content": report}, **errors},
        }
    }
    paths["/api/v1/me/reports/{id}/submit/"] = {
        "post": {
            "operationId": "submit_report",
            "summary": _("Enviar el reporte a la secretaría"),
            "tags": tag,
            "security": secured,
            "parameters": report_id,
            "responses": {"200": {"description": "OK", "content": report}, **errors},
        }
    }
