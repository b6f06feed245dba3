"""Test helpers for the open-data resources (not used by the site)."""

from collections.abc import Iterable
from typing import Any

PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "null": (type(None),),
}


def assert_rows_match_openapi(client: Any, names: Iterable[str]) -> int:
    """Every row of each named resource, as the API lists it, has exactly the properties its OpenAPI schema
    declares, each of the declared type and within its enumeration. Returns the number of rows checked."""
    spec = client.get("/api/v1/openapi.json").json()
    checked = 0
    for name in names:
        component = "".join(part.capitalize() for part in name.split("-"))
        schema = spec["components"]["schemas"][component]
        for row in client.get(f"/api/v1/{name}/", {"limit": 500}).json()["results"]:
            assert set(row) == set(schema["properties"]) == set(schema["required"]), name
            for key, value in row.items():
                declared = schema["properties"][key]
                kinds = declared["type"] if isinstance(declared["type"], list) else [declared["type"]]
                allowed = tuple(kind for each in kinds for kind in PYTHON_TYPES[each])
                assert isinstance(value, allowed) and not (isinstance(value, bool) and "boolean" not in kinds), (
                    name,
                    key,
                    value,
                )
                if "enum" in declared:
                    assert value in declared["enum"], (name, key, value)
            checked += 1
    return checked
