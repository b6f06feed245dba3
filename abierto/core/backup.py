"""Backups of the database and the uploaded files, and their restore.

A backup is a folder: ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3``
(SQLite's online backup, consistent while the site runs), ``media.tar.gz`` with the local uploaded files, and
``manifest.json`` with the row count of every table and the SHA-256 of every file. A restore puts both back and
then checks every table's row count against the manifest: a restore that does not give back what was saved
fails loudly.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone


class BackupError(Exception):
    pass


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> dict[str, str]:
    params = connection.settings_dict
    env = os.environ.copy()
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if params.get(key):
            env[variable] = str(params[key])
    return env


def _pg_database() -> str:
    return connection.settings_dict["NAME"]


def _media_root() -> Path | None:
    backend = settings.STORAGES["default"]["BACKEND"]
    return Path(settings.MEDIA_ROOT) if backend.endswith("FileSystemStorage") else None


def create(target: Path) -> dict[str, Any]:
    target.mkdir(parents=True, exist_ok=False)
    files: dict[str, str] = {}
    vendor = connection.vendor
    if vendor == "postgresql":
        dump = target / "database.dump"
        done = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), _pg_database()],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_dump falló: {done.stderr.strip()}")
        files["database.dump"] = _sha256(dump)
    elif vendor == "sqlite":
        copy = target / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(copy)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        files["database.sqlite3"] = _sha256(copy)
    else:
        raise BackupError(f"Base de datos no soportada: {vendor}")
    media = _media_root()
    if media is not None and media.exists():
        archive = target / "media.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(media, arcname=".")
        files["media.tar.gz"] = _sha256(archive)
    manifest = {
        "created": timezone.now().astimezone(datetime.UTC).isoformat(),
        "vendor": vendor,
        "files": files,
        "tables": table_counts(),
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def restore(source: Path) -> dict[str, Any]:
    manifest_path = source / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"No hay manifest.json en {source}.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"El respaldo es de {manifest['vendor']} y la base de datos es {connection.vendor}.")
    for name, digest in manifest["files"].items():
        if _sha256(source / name) != digest:
            raise BackupError(f"{name} no coincide con su huella: el respaldo está dañado.")
    if connection.vendor == "postgresql":
        connection.close()
        done = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--dbname",
                _pg_database(),
                str(source / "database.dump"),
            ],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_restore falló: {done.stderr.strip()}")
    else:
        connection.ensure_connection()
        origin = sqlite3.connect(source / "database.sqlite3")
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    media = _media_root()
    if media is not None and "media.tar.gz" in manifest["files"]:
        if media.exists():
            shutil.rmtree(media)
        media.mkdir(parents=True)
        with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
            tar.extractall(media, filter="data")
    restored = table_counts()
    differences = {
        table: [count, restored.get(table)]
        for table, count in manifest["tables"].items()
        if restored.get(table) != count
    }
    if differences:
        raise BackupError(f"La restauración no devolvió las mismas filas: {differences}")
    return manifest
