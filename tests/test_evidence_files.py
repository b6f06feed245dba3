"""Evidence files are checked by size and by what they contain, not by their name."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from abierto.plans import services
from abierto.plans.models import Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("acta.pdf", b"%PDF-1.7\n..."),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("planilla.xlsx", b"PK\x03\x04" + b"\x00" * 20),
        ("datos.csv", "región,asistentes\nMaule,40\n".encode()),
    ],
)
def test_accepted_types_are_stored(make_plan, make_commitment, name, content):
    commitment = make_commitment(make_plan())
    evidence = services.save(
        Evidence(commitment=commitment, title="Acta", file=SimpleUploadedFile(name, content)), actor=None
    )
    assert evidence.file.name.startswith("evidencia/")


def test_an_executable_renamed_as_pdf_is_refused(make_plan, make_commitment):
    commitment = make_commitment(make_plan())
    with pytest.raises(ValidationError) as error:
        services.save(
            Evidence(
                commitment=commitment, title="x", file=SimpleUploadedFile("informe.pdf", b"MZ\x90\x00\x03\x00\x00\x00")
            ),
            actor=None,
        )
    assert "Tipo de archivo no aceptado" in str(error.value)
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_refused(settings, make_plan, make_commitment):
    settings.ABIERTO_MAX_UPLOAD_BYTES = 100
    commitment = make_commitment(make_plan())
    with pytest.raises(ValidationError) as error:
        services.save(
            Evidence(commitment=commitment, title="x", file=SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 200)),
            actor=None,
        )
    assert "el máximo es 100" in str(error.value)


def test_evidence_needs_a_link_or_a_file(make_plan, make_commitment):
    commitment = make_commitment(make_plan())
    with pytest.raises(ValidationError) as error:
        services.save(Evidence(commitment=commitment, title="Sin nada"), actor=None)
    assert "Un medio de verificación necesita un enlace o un archivo." in str(error.value)
