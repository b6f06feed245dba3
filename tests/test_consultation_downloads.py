"""The report as CSV (one row per comment) and XLSX (summary, per commitment, per section, comments), read
back: hidden comments keep their row without their text, answers and "same text as today" are there."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core.cache import cache
from openpyxl import load_workbook

from abierto.consultation import services
from abierto.consultation.testing import DURING, make_consultation, make_draft_commitment
from abierto.plans import services as plan_services
from abierto.plans.models import Commitment


@pytest.fixture(autouse=True)
def frozen():
    cache.clear()
    with time_machine.travel(DURING, tick=False):
        yield


@pytest.fixture
def process(make_plan, participant, forum_member, secretariat):
    process = make_consultation(make_plan(number=5, start=2020, end=2022))
    participant.first_name, participant.last_name = "Ana", "Pérez"
    participant.save()
    commitment = make_draft_commitment(process.plan, code="BOR01", position=1)
    make_draft_commitment(process.plan, code="BOR02", position=2, title="Justicia abierta")
    first = services.add_comment(
        process=process, commitment=commitment, section="hitos", body="Faltan fechas", actor=participant
    )
    services.answer(comment=first, body="Las agregamos", actor=secretariat)
    hidden = services.add_comment(
        process=process, commitment=commitment, section="problema", body="Insulto", actor=forum_member
    )
    services.hide(comment=hidden, reason="Lenguaje ofensivo", actor=secretariat)
    services.add_comment(process=process, commitment=commitment, section="problema", body="Bien", actor=participant)
    fresh = Commitment.objects.get(pk=commitment.pk)
    fresh.problem = "Problema reescrito"
    plan_services.save(fresh, actor=secretariat)
    return process


def test_the_csv_has_one_row_per_comment(client, process):
    response = client.get("/cocreacion/5/consulta/informe.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="consulta-borrador-5.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 3
    # By commitment, then section in the template's order (problem before milestones), then date.
    assert [(r["Sección"], r["Comentario"]) for r in rows] == [
        ("Problema o status quo", ""),
        ("Problema o status quo", "Bien"),
        ("Hitos: actividades y productos entregables", "Faltan fechas"),
    ]
    hidden, fine, answered = rows
    assert hidden["Oculto: motivo público"] == "Lenguaje ofensivo" and hidden["Comentario"] == ""
    assert fine["Autor"] == "Ana Pérez" and fine["Texto comentado coincide con el actual"] == "No"
    assert answered["Respuesta de la secretaría"] == "Las agregamos"
    assert answered["Texto comentado coincide con el actual"] == "Sí"
    assert answered["Versión de la respuesta"] == "1"
    assert answered["Fecha"] == "2026-04-24 11:00"  # local time: 15:00 UTC is 11:00 in Santiago in April
    assert "ana@" not in response.content.decode() and "ciudadana@example.org" not in response.content.decode()


def test_the_xlsx_workbook(client, process):
    response = client.get("/cocreacion/5/consulta/informe.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="consulta-borrador-5.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Resumen", "Por compromiso", "Por sección", "Comentarios"]

    summary = {row[0]: row[1] for row in wb["Resumen"].iter_rows(min_row=2, values_only=True)}
    assert summary["Comentarios recibidos"] == 3
    assert summary["Ocultos por moderación"] == 1
    assert summary["Por responder (recibidos menos ocultos)"] == 2
    assert summary["Respondidos"] == 1
    assert summary["Respondido (%)"] == 50.0
    assert summary["Personas"] == 2
    assert summary["Inicio de la consulta"] == datetime.datetime(2026, 4, 20)
    assert wb["Resumen"].freeze_panes == "A2" and wb["Resumen"]["A1"].font.bold

    by_commitment = list(wb["Por compromiso"].iter_rows(min_row=2, values_only=True))
    assert [r[:3] for r in by_commitment] == [
        ("BOR01", "Datos abiertos de compras públicas", 3),
        ("BOR02", "Justicia abierta", 0),
    ]
    assert by_commitment[0][3:] == (1, 2, 1, 1, 50.0, 2)

    by_section = {r[0]: r[1:] for r in wb["Por sección"].iter_rows(min_row=2, values_only=True)}
    assert len(by_section) == 9
    assert by_section["Problema o status quo"] == (2, 1, 1, 0, 1, 0.0, 2)

    comments = list(wb["Comentarios"].iter_rows(min_row=2, values_only=True))
    assert len(comments) == 3
    assert comments[0][6] is None and comments[0][7] == "Lenguaje ofensivo"
    assert comments[2][6] == "Faltan fechas" and comments[2][9] == "Las agregamos"
    assert isinstance(comments[2][4], datetime.datetime)
