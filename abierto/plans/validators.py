"""Checks on uploaded evidence files: size, and type read from the content (not the file name)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Leading bytes of the formats accepted as evidence.
SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "Office (DOCX, XLSX, PPTX, ODT, ODS)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office 97-2003"),
]


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def validate_evidence_file(upload) -> None:
    limit = settings.ABIERTO_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("El archivo pesa %(size)s; el máximo es %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(position)
    if any(head.startswith(signature) for signature, _name in SIGNATURES) or _looks_like_text(head):
        return
    raise ValidationError(
        _("Tipo de archivo no aceptado. Se aceptan PDF, imágenes PNG o JPEG, documentos de Office o texto (CSV, TXT).")
    )
