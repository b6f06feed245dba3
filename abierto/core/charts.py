"""Charts drawn on the server as SVG, each paired with the table behind it.

No chart exists only in JavaScript: every function returns markup that reads on its own
(an SVG with a title and description for assistive technology) plus a data table.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_ids = count(1)

BLUE = "#0b3a75"
GREY = "#dfe3ea"
INK = "#1b1b1b"
RED = "#c8102e"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | float | int | None
    note: str = ""
    href: str = ""


def _num(value: Decimal | float | int | None, places: int = 1) -> str:
    if value is None:
        return _("sin datos")
    return number_format(value, decimal_pos=places if isinstance(value, (Decimal, float)) else 0, use_l10n=True)


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int = 1) -> str:
    numeric = ' class="num"'
    head = "".join(
        f'<th scope="col"{numeric if i >= numeric_from else ""}>{escape(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{escape(cell)}</th>' if i == 0 else f'<td class="num">{escape(cell)}</td>'
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    summary = _("Ver los datos del gráfico como tabla")
    return (
        f'<details class="chart-table"><summary>{escape(summary)}</summary>'
        f'<div class="table-scroll"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>"
    )


def _svg_open(uid: int, width: int, height: int, title: str, description: str, *, font_size: int) -> str:
    """The opening of a chart: an image for assistive technology, named by its title and description."""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="chart-{uid}-t chart-{uid}-d" font-family="system-ui, sans-serif" font-size="{size}">'
        '<title id="chart-{uid}-t">{title}</title><desc id="chart-{uid}-d">{description}</desc>',
        w=width,
        h=height,
        uid=uid,
        size=font_size,
        title=title,
        description=description,
    )


def percent_bars(
    title: str, bars: Sequence[Bar], *, description: str = "", value_header: str = "", note_header: str = ""
) -> SafeString:
    """Horizontal bars on a 0–100 % scale, each labelled with its number."""
    uid = next(_ids)
    value_header = value_header or _("Avance calculado (%)")
    row_h, label_w, bar_w, gap = 26, 260, 300, 6
    height = max(1, len(bars)) * (row_h + gap) + 24
    width = label_w + bar_w + 70
    parts = [
        _svg_open(
            uid,
            width,
            height,
            title,
            description or _("Gráfico de barras; los mismos datos están en la tabla que sigue."),
            font_size=13,
        )
    ]
    # Numbers are formatted here; the only text, labels, is escaped. (One f-string per bar keeps
    # long charts cheap to draw; format_html per element cost more than the rest of the page.)
    for tick in (0, 50, 100):
        x = label_w + bar_w * tick / 100
        parts.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{height - 18}" stroke="#8a94a3" stroke-dasharray="2 3"/>'
            f'<text x="{x}" y="{height - 4}" text-anchor="middle" fill="{INK}">{tick} %</text>'
        )
    for i, bar in enumerate(bars):
        y = i * (row_h + gap) + 2
        text_y = y + row_h * 0.68
        label = escape(_truncate(bar.label, 38))
        figure = escape(_num(bar.value) + (" %" if bar.value is not None else ""))
        fill = ""
        if bar.value is not None:
            fill = (
                f'<rect x="{label_w}" y="{y + 4}" width="{bar_w * float(bar.value) / 100:.1f}" '
                f'height="{row_h - 8}" fill="{BLUE}"/>'
            )
        parts.append(
            f'<text x="{label_w - 8}" y="{text_y:.1f}" text-anchor="end" fill="{INK}">{label}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 8}" fill="{GREY}"/>{fill}'
            f'<text x="{label_w + bar_w + 6}" y="{text_y:.1f}" fill="{INK}" font-weight="700">{figure}</text>'
        )
    parts.append("</svg>")
    headers = [_("Elemento"), value_header] + ([note_header] if note_header else [])
    rows = [[b.label, _num(b.value)] + ([b.note] if note_header else []) for b in bars]
    return format_html(
        '<figure class="chart"><figcaption>{}</figcaption>{}{}</figure>',
        title,
        mark_safe("".join(str(p) for p in parts)),
        mark_safe(_table(title, headers, rows)),
    )


def count_bars(title: str, bars: Sequence[Bar], *, description: str = "", value_header: str = "") -> SafeString:
    """Vertical bars of counts (a distribution), each labelled with its number."""
    uid = next(_ids)
    value_header = value_header or _("Compromisos")
    col_w, gap, chart_h, top = 84, 14, 160, 20
    width = max(1, len(bars)) * (col_w + gap) + gap
    height = chart_h + top + 48
    biggest = max([int(b.value or 0) for b in bars] + [1])
    parts = [
        _svg_open(
            uid,
            width,
            height,
            title,
            description or _("Gráfico de barras; los mismos datos están en la tabla que sigue."),
            font_size=13,
        ),
        format_html('<line x1="0" y1="{}" x2="{}" y2="{}" stroke="{}"/>', top + chart_h, width, top + chart_h, INK),
    ]
    for i, bar in enumerate(bars):
        x = gap + i * (col_w + gap)
        value = int(bar.value or 0)
        h = chart_h * value / biggest
        parts.append(
            f'<rect x="{x}" y="{top + chart_h - h:.1f}" width="{col_w}" height="{h:.1f}" fill="{BLUE}"/>'
            f'<text x="{x + col_w / 2}" y="{top + chart_h - h - 5:.1f}" text-anchor="middle" font-weight="700" '
            f'fill="{INK}">{value}</text>'
            f'<text x="{x + col_w / 2}" y="{top + chart_h + 18}" text-anchor="middle" fill="{INK}">'
            f"{escape(_truncate(bar.label, 14))}</text>"
        )
    parts.append("</svg>")
    rows = [[b.label, str(int(b.value or 0))] for b in bars]
    return format_html(
        '<figure class="chart"><figcaption>{}</figcaption>{}{}</figure>',
        title,
        mark_safe("".join(str(p) for p in parts)),
        mark_safe(_table(title, [_("Nivel"), value_header], rows)),
    )


def indicator_line(
    title: str,
    points: Sequence[tuple[str, Decimal]],
    *,
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    unit: str = "",
) -> SafeString:
    """Measured values over time, with the baseline and the target as reference lines."""
    uid = next(_ids)
    width, height, left, right, top, bottom = 560, 220, 56, 40, 16, 40
    values = [float(v) for _, v in points]
    refs = [float(v) for v in (baseline, target) if v is not None]
    lo = min(values + refs + [0.0])
    hi = max(values + refs + [1.0])
    span = (hi - lo) or 1.0

    def y_of(v: float) -> float:
        return top + (height - top - bottom) * (1 - (v - lo) / span)

    step = (width - left - right) / max(1, len(points) - 1)
    parts = [
        _svg_open(
            uid,
            width,
            height,
            title,
            _("Valores medidos en el tiempo, con la línea base y la meta; los datos están en la tabla que sigue."),
            font_size=12,
        ),
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
            left,
            height - bottom,
            width - right,
            height - bottom,
            INK,
        ),
        format_html('<text x="4" y="{}" fill="{}">{}</text>', y_of(hi) + 4, INK, _num(Decimal(str(hi)))),
        format_html('<text x="4" y="{}" fill="{}">{}</text>', y_of(lo) + 4, INK, _num(Decimal(str(lo)))),
    ]
    for label, value, color, dash in (
        (_("Línea base"), baseline, "#4a4f57", "6 4"),
        (_("Meta"), target, RED, "2 3"),
    ):
        if value is None:
            continue
        y = y_of(float(value))
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-dasharray="{}" stroke-width="2"/>'
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}: {}</text>',
                left,
                y,
                width - right,
                y,
                color,
                dash,
                width - right,
                y - 4,
                color,
                label,
                _num(value),
            )
        )
    coords = [
        (left + i * step if len(points) > 1 else (left + width - right) / 2, y_of(v)) for i, v in enumerate(values)
    ]
    if len(coords) > 1:
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"/>',
                " ".join(f"{x:.1f},{y:.1f}" for x, y in coords),
                BLUE,
            )
        )
    for (x, y), (label, value) in zip(coords, points, strict=True):
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="4.5" fill="{}"/>'
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                f"{x:.1f}",
                f"{y:.1f}",
                BLUE,
                f"{x:.1f}",
                f"{y - 8:.1f}",
                INK,
                _num(value),
                f"{x:.1f}",
                height - bottom + 16,
                INK,
                label,
            )
        )
    parts.append("</svg>")
    rows = [[label, _num(value)] for label, value in points]
    if baseline is not None:
        rows.insert(0, [_("Línea base"), _num(baseline)])
    if target is not None:
        rows.append([_("Meta"), _num(target)])
    header = _("Valor") + (f" ({unit})" if unit else "")
    return format_html(
        '<figure class="chart"><figcaption>{}</figcaption>{}{}</figure>',
        title,
        mark_safe("".join(str(p) for p in parts)),
        mark_safe(_table(title, [_("Fecha"), header], rows)),
    )
