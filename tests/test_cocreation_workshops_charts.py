"""The workshops page of a process: the list, and participation by territory (region) and by target group as
HTML bars inside their data tables. A workshop with unknown attendance counts as "sin dato", never as zero;
the process page shows the same charts, compactly. Queries do not grow with the workshops."""

import datetime
import html as html_lib
import re

import pytest
import time_machine
from django.core.cache import cache

from abierto.cocreation.models import Workshop
from abierto.cocreation.testing import make_process

START = datetime.date(2026, 3, 1)
TODAY = datetime.datetime(2026, 4, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


def _rows(html: str, caption: str) -> list[list[str]]:
    table = re.search(r"<caption>" + re.escape(caption) + r"</caption>(.*?)</table>", html, re.S).group(1)
    return [
        [
            " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", c)).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def _workshop(process, title, **fields):
    return Workshop.objects.create(process=process, title=title, **fields)


def test_attendance_is_summed_where_known_and_unknown_is_never_zero(client, process):
    _workshop(process, "Taller en Peñalolén", region="RM", commune="Peñalolén", target_group="Mujeres", attendance=40)
    _workshop(process, "Taller de la Región Metropolitana", region="RM", attendance=None)
    _workshop(process, "Taller en Rancagua", region="VI", target_group="Juventudes", attendance=None)
    _workshop(process, "Taller en Valdivia", region="XIV", target_group="Mujeres", attendance=25)
    html = client.get("/cocreacion/5/talleres/").content.decode()
    assert _rows(html, "Talleres por región") == [
        ["Región", "Asistentes registrados", "Talleres", "Talleres sin dato de asistencia"],
        ["Metropolitana de Santiago", "40 más 1 sin dato", "2", "1"],
        ["Libertador General Bernardo O'Higgins", "sin dato", "1", "1"],
        ["Los Ríos", "25", "1", "0"],
    ]
    by_group = _rows(html, "Talleres por público objetivo")
    assert by_group[1:] == [
        ["Juventudes", "sin dato", "1", "1"],
        ["Mujeres", "65", "2", "0"],
        ["Sin público específico", "sin dato", "1", "1"],
    ]
    assert "Asistencia registrada: 65 personas en 2 talleres." in html
    assert "2 talleres sin dato de asistencia." in html
    # A bar for each known figure, scaled to the largest; no bar of zero width for unknown attendance.
    assert 'style="width: 100.0%"' in html and 'style="width: 62.5%"' in html
    assert 'style="width: 0.0%"' not in html


def test_without_any_attendance_the_bars_count_workshops_held(client, process):
    _workshop(process, "Taller en Peñalolén", region="RM")
    _workshop(process, "Taller de la Región Metropolitana", region="RM")
    _workshop(process, "Taller Nacional")
    html = client.get("/cocreacion/5/talleres/").content.decode()
    rows = _rows(html, "Talleres por región")
    assert rows == [
        ["Región", "Talleres realizados", "Asistentes registrados"],
        ["Metropolitana de Santiago", "2", "sin dato"],
        ["Nacional o sin región", "1", "sin dato"],
    ]
    assert "Ningún taller tiene registrada su asistencia" in html


def test_the_list_shows_every_field_and_the_materials(client, process):
    _workshop(
        process,
        "Taller con el Instituto Nacional de la Juventud",
        held_on=datetime.date(2026, 7, 26),
        place="INJUV",
        region="RM",
        commune="Santiago",
        target_group="Juventudes",
        organiser="Comisión para la Integridad Pública y Transparencia",
        materials_url="https://example.org/taller.pdf",
    )
    html = client.get("/cocreacion/5/talleres/").content.decode()
    row = _rows(html, "1 taller del proceso")[1]
    assert row[0] in ("26-07-2026", "26/07/2026")
    assert row[1:6] == [
        "Taller con el Instituto Nacional de la Juventud",
        "INJUV Santiago, Metropolitana de Santiago",
        "Juventudes",
        "Comisión para la Integridad Pública y Transparencia",
        "sin dato",
    ]
    assert 'href="https://example.org/taller.pdf"' in html


def test_the_process_page_shows_the_compact_charts(client, process):
    _workshop(process, "Taller en Valdivia", region="XIV", target_group="Mujeres", attendance=25)
    html = client.get("/cocreacion/5/").content.decode()
    assert "<caption>Talleres por región</caption>" in html
    assert "<caption>Talleres por público objetivo</caption>" in html
    assert 'href="/cocreacion/5/talleres/"' in html


def test_a_process_without_workshops_says_so(client, process):
    assert "Este proceso aún no registra talleres." in client.get("/cocreacion/5/talleres/").content.decode()


def _many(process, n):
    regions = ["RM", "VI", "XIV", "V", ""]
    for i in range(n):
        _workshop(
            process,
            f"Taller {i}",
            region=regions[i % 5],
            target_group=["Mujeres", "Juventudes", ""][i % 3],
            attendance=None if i % 2 else 10 + i,
        )


@pytest.mark.parametrize("url", ["/cocreacion/5/talleres/", "/cocreacion/5/"])
def test_queries_do_not_grow_with_the_workshops(client, process, secretariat, url, django_assert_max_num_queries):
    client.force_login(secretariat)
    _many(process, 3)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    _many(process, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "30 talleres" in html
