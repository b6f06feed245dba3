"""People's text: the small Markdown subset renders, everything else is escaped; territory data."""

import pytest

from abierto.cocreation import territory
from abierto.cocreation.text import plain_excerpt, render_markdown, similar, terms_of


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hola *mundo*", "<p>Hola <em>mundo</em></p>"),
        ("Muy **importante**", "<p>Muy <strong>importante</strong></p>"),
        ("una_palabra_con_guiones", "<p>una_palabra_con_guiones</p>"),
        ("Uno\n\nDos", "<p>Uno</p>\n<p>Dos</p>"),
        ("línea\nsiguiente", "<p>línea<br>siguiente</p>"),
        ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
        ("1. a\n2. b", "<ol><li>a</li><li>b</li></ol>"),
        (
            "[Ley 20.285](https://www.bcn.cl/leychile?id=276363&x=1)",
            '<p><a href="https://www.bcn.cl/leychile?id=276363&amp;x=1" rel="nofollow ugc">Ley 20.285</a></p>',
        ),
    ],
)
def test_the_markdown_subset(source, expected):
    assert str(render_markdown(source)) == expected


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[clic](javascript:alert(1))",
        '[x](https://e.org/" onmouseover="alert(1))',
        "**<b>negrita</b>**",
        "<a href='https://e.org'>enlace</a>",
    ],
)
def test_everything_else_is_escaped(attack):
    html = str(render_markdown(attack))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "javascript:" not in html or 'href="javascript' not in html
    assert 'onmouseover="' not in html and 'onerror="' not in html
    assert "<a href='" not in html


def test_excerpts_drop_the_marks():
    assert plain_excerpt("**Hola** [sitio](https://e.org) _x_", 100) == "Hola sitio x"
    assert plain_excerpt("a" * 300, 10).endswith("…")


def test_similarity_uses_the_search_stems():
    assert terms_of("Participación ciudadana en los gobiernos") == "particip ciudadan gobiern"
    ranked = similar(terms_of("participación de la ciudadanía"), [(1, terms_of("Participar ciudadanos")), (2, "aire")])
    assert [pk for pk, _score in ranked] == [1]


def test_chile_has_16_regions_and_346_communes():
    assert len(territory.REGIONS) == 16
    assert len(territory.ALL_COMMUNES) == 346 == len(set(territory.ALL_COMMUNES))
    assert "Peñalolén" in territory.COMMUNES_BY_REGION["RM"]
    assert territory.region_name("XVI") == "Ñuble"
