"""Uploaded files go to an S3-compatible bucket when ABIERTO_S3_BUCKET is set, to the local disk otherwise.

The settings module is imported in a fresh interpreter under each environment (as in
tests/test_settings_closed_by_default.py), and the storage Django builds from it is inspected.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import django, json, os
os.environ['DJANGO_SETTINGS_MODULE'] = 'abierto.settings'
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages['default']
static = storages['staticfiles']
out = {
    'backend': settings.STORAGES['default']['BACKEND'],
    'options': settings.STORAGES['default'].get('OPTIONS', {}),
    'class': type(default_storage).__module__ + '.' + type(default_storage).__name__,
    'static': settings.STORAGES['staticfiles']['BACKEND'],
    'media_root': str(settings.MEDIA_ROOT),
}
if out['backend'].endswith('S3Storage') and os.environ.get('ABIERTO_S3_ACCESS_KEY_ID'):
    out['live'] = {
        name: getattr(default_storage, name)
        for name in ('bucket_name', 'endpoint_url', 'region_name', 'access_key', 'secret_key', 'default_acl',
                     'querystring_auth', 'querystring_expire', 'file_overwrite', 'custom_domain', 'addressing_style')
    }
    out['signed'] = default_storage.url('seguimiento/2026/01/abc/acta.pdf')
print(json.dumps(out))
"""


def probe(env_extra: dict[str, str]) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ABIERTO_S3_", "AWS_"))}
    env.update({"DJANGO_SECRET_KEY": "x" * 50, **env_extra})
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


S3_ENV = {
    "ABIERTO_S3_BUCKET": "evidencia-abierto",
    "ABIERTO_S3_ENDPOINT_URL": "https://minio.example.cl:9000",
    "ABIERTO_S3_REGION": "us-east-1",
    "ABIERTO_S3_ACCESS_KEY_ID": "clave-de-acceso",
    "ABIERTO_S3_SECRET_ACCESS_KEY": "secreto-de-acceso",
    "ABIERTO_S3_ADDRESSING_STYLE": "path",
}


def test_without_a_bucket_files_stay_on_the_local_disk(tmp_path):
    out = probe({"ABIERTO_MEDIA_ROOT": str(tmp_path)})
    assert out["backend"] == "django.core.files.storage.FileSystemStorage"
    assert out["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert out["options"] == {}
    assert out["media_root"] == str(tmp_path)
    assert out["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_a_bucket_gives_the_private_s3_backend_with_the_environment_options():
    out = probe(S3_ENV)
    assert out["backend"] == "storages.backends.s3.S3Storage"
    assert out["class"] == "storages.backends.s3.S3Storage"
    assert out["live"] == {
        "bucket_name": "evidencia-abierto",
        "endpoint_url": "https://minio.example.cl:9000",
        "region_name": "us-east-1",
        "access_key": "clave-de-acceso",
        "secret_key": "secreto-de-acceso",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        "custom_domain": None,
        "addressing_style": "path",
    }
    # Links are signed and short-lived (computed locally: no request reaches the endpoint).
    signed = out["signed"]
    assert signed.startswith("https://minio.example.cl:9000/evidencia-abierto/seguimiento/2026/01/abc/acta.pdf?")
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    # Static files do not move to the bucket.
    assert out["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_optional_settings_are_left_to_the_defaults_when_unset():
    out = probe({"ABIERTO_S3_BUCKET": "solo-bucket", "ABIERTO_S3_URL_EXPIRY": "120"})
    assert set(out["options"]) == {
        "bucket_name",
        "default_acl",
        "querystring_auth",
        "querystring_expire",
        "file_overwrite",
        "signature_version",
    }
    assert out["options"]["querystring_expire"] == 120


def test_a_custom_domain_is_passed_on():
    out = probe({**S3_ENV, "ABIERTO_S3_CUSTOM_DOMAIN": "archivos.example.cl"})
    assert out["live"]["custom_domain"] == "archivos.example.cl"
    assert out["signed"].startswith("https://archivos.example.cl/seguimiento/")
