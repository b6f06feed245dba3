"""A backup gives back, by restore, exactly the rows and files it saved; a damaged one is refused."""

import pytest
from django.core.management import CommandError, call_command

from abierto.core import backup
from abierto.plans.models import ActionPlan, Commitment, Evidence

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "evidencia").mkdir(parents=True)
    (tmp_path / "media" / "evidencia" / "acta.pdf").write_bytes(b"%PDF-1.4 acta firmada")
    return tmp_path / "media"


def test_a_round_trip_restores_every_row_and_file(tmp_path, media, make_plan, make_commitment):
    plan = make_plan(number=5, start=2020, end=2022)
    for n in range(3):
        make_commitment(plan, code=f"C{n}", title=f"Compromiso {n}")
    Evidence.objects.create(commitment=Commitment.objects.first(), title="Acta", file="evidencia/acta.pdf")
    before = backup.table_counts()
    call_command("backup", output=str(tmp_path / "respaldo"), verbosity=0)

    # Things go wrong after the backup: rows deleted, a file lost, a stray row added.
    Commitment.objects.filter(code="C1").delete()
    make_plan(number=9, start=2030, end=2032)
    (media / "evidencia" / "acta.pdf").unlink()

    call_command("restore", str(tmp_path / "respaldo"), yes=True, verbosity=0)
    assert backup.table_counts() == before
    assert sorted(Commitment.objects.values_list("code", flat=True)) == ["C0", "C1", "C2"]
    assert not ActionPlan.objects.filter(number=9).exists()
    assert (media / "evidencia" / "acta.pdf").read_bytes() == b"%PDF-1.4 acta firmada"


def test_restore_asks_for_confirmation_and_refuses_a_damaged_backup(tmp_path, media, make_plan):
    make_plan()
    call_command("backup", output=str(tmp_path / "respaldo"), verbosity=0)
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "respaldo"), verbosity=0)
    damaged = next(p for p in (tmp_path / "respaldo").iterdir() if p.name.startswith("database"))
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="dañado"):
        call_command("restore", str(tmp_path / "respaldo"), yes=True, verbosity=0)
    assert ActionPlan.objects.count() == 1


def test_a_backup_never_overwrites_an_earlier_one(tmp_path, media):
    call_command("backup", output=str(tmp_path / "respaldo"), verbosity=0)
    with pytest.raises(CommandError):
        call_command("backup", output=str(tmp_path / "respaldo"), verbosity=0)
