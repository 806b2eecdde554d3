"""Inline SVG charts for the HTML report: no scripts, no external assets.

Each chart has a ``<title>`` and ``<desc>`` (read by screen readers, ``role="img"``), axis
ticks with gridlines, labels in words sized to fit (never cut off), and the report shows the
same numbers in a table beside it. Callers pass the items in the order to draw them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

TEXT = "#1a1a1a"
GRID = "#c8c8c8"
AXIS = "#767676"
CHAR_W = 6.6  # average width of a 12px system-font character, for sizing label columns


def nice_ticks(peak: float, *, most: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``peak`` (at most ``most`` + 1 ticks)."""
    if peak <= 0:
        return [0, 1]
    raw = peak / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1 and peak >= 1:
        step = 1
    count = math.ceil(peak / step - 1e-9)
    return [round(i * step, 6) for i in range(count + 1)]


def _fmt(v: float, percent: bool) -> str:
    if percent:
        return f"{v:g}%"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


def _wrap(label: str, width: int) -> list[str]:
    """``label`` in lines of at most ``width`` characters (two lines at most, never cut)."""
    if len(label) <= width:
        return [label]
    words = label.split()
    lines = [""]
    for w in words:
        if lines[-1] and len(lines[-1]) + 1 + len(w) > width and len(lines) < 2:
            lines.append(w)
        else:
            lines[-1] = f"{lines[-1]} {w}".strip()
    return lines


def _svg_open(title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" font-family="system-ui,Arial,sans-serif">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]


def _legend(
    series: Sequence[str], colours: Mapping[str, str], labels: Mapping[str, str]
) -> list[str]:
    parts: list[str] = []
    lx: float = 8
    for s in series:
        parts.append(f'<rect x="{lx}" y="6" width="12" height="12" fill="{colours[s]}"/>')
        parts.append(
            f'<text x="{lx + 16}" y="16" font-size="12" fill="{TEXT}">{escape(labels[s])}</text>'
        )
        lx += 30 + CHAR_W * len(labels[s])
    return parts


def stacked_bars(
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    *,
    percent: bool = False,
    marked: Sequence[str] = (),
    mark_note: str = "",
    width: int = 660,
    height: int = 280,
) -> str:
    """Vertical stacked bars, one per category (quarters), with a value axis and a legend.

    ``percent`` draws a 0–100% axis; categories in ``marked`` are drawn hatched and labelled
    with ``*`` (``mark_note`` explains the star below the axis).
    """
    left, right, top, bottom = 52, 10, 34, 50 if mark_note else 36
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(series[s][i] for s in series) for i in range(len(categories))]
    ticks = [0.0, 25.0, 50.0, 75.0, 100.0] if percent else nice_ticks(max(totals, default=0))
    peak = ticks[-1] or 1
    parts = _svg_open(title, desc, width, height)
    hatch = "partial-" + "".join(ch for ch in title.lower() if ch.isalnum())[:24]
    parts.append(
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff" fill-opacity=".0"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2.5"/></pattern></defs>'
    )
    for t in ticks:
        y = top + plot_h - t / peak * plot_h
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="{GRID if t else AXIS}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{TEXT}">{_fmt(t, percent)}</text>'
        )
    n = max(len(categories), 1)
    slot = plot_w / n
    bar_w = max(min(slot * 0.7, 60), 2)
    every = max(1, math.ceil(n / (plot_w / 58)))  # label every Nth category when crowded
    for i, cat in enumerate(categories):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        star = cat in marked
        for s in series:
            v = series[s][i]
            if not v:
                continue
            h = v / peak * plot_h
            y -= h
            shown = _fmt(round(v, 1), percent)
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colours[s]}"><title>{escape(cat)}: {shown} {escape(labels[s].lower())}'
                f"</title></rect>"
            )
            if star:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                    f'fill="url(#{hatch})"/>'
                )
        if i % every == 0 or star:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 15}" font-size="11" '
                f'text-anchor="middle" fill="{TEXT}">{escape(cat)}{"*" if star else ""}</text>'
            )
    if mark_note:
        parts.append(
            f'<text x="{left}" y="{height - 8}" font-size="11" fill="{TEXT}">'
            f"* {escape(mark_note)}</text>"
        )
    parts += _legend(list(series), colours, labels)
    parts.append("</svg>")
    return "".join(parts)


def stacked_hbars(
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    *,
    width: int = 660,
) -> str:
    """Horizontal stacked bars, one row per category (teams), names in full on the left."""
    label_chars = min(max((len(c) for c in categories), default=4), 40)
    lines = [_wrap(c, 40) for c in categories]
    label_w = int(label_chars * CHAR_W) + 14
    row_h, top, bottom, right = 24, 30, 26, 44
    height = top + bottom + row_h * max(len(categories), 1)
    plot_w = width - label_w - right
    totals = [sum(series[s][i] for s in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))
    peak = ticks[-1] or 1
    parts = _svg_open(title, desc, width, height)
    base = top + row_h * max(len(categories), 1)
    for t in ticks:
        x = label_w + t / peak * plot_w
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{base}" stroke="{GRID if t else AXIS}"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" '
            f'fill="{TEXT}">{_fmt(t, False)}</text>'
        )
    for i, cat in enumerate(categories):
        y = top + i * row_h
        x = float(label_w)
        for s in series:
            v = series[s][i]
            if not v:
                continue
            w = v / peak * plot_w
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                f'fill="{colours[s]}"><title>{escape(cat)}: {v:,} {escape(labels[s].lower())}'
                f"</title></rect>"
            )
            x += w
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 16}" font-size="11" fill="{TEXT}">{totals[i]:,}</text>'
        )
        parts.append(_label(lines[i], label_w - 8, y, row_h))
    parts += _legend(list(series), colours, labels)
    parts.append("</svg>")
    return "".join(parts)


def _label(lines: list[str], x: float, y: float, row_h: int) -> str:
    if len(lines) == 1:
        return (
            f'<text x="{x}" y="{y + 16}" text-anchor="end" font-size="12" fill="{TEXT}">'
            f"{escape(lines[0])}</text>"
        )
    return (
        f'<text x="{x}" y="{y + 10}" text-anchor="end" font-size="11" fill="{TEXT}">'
        + "".join(
            f'<tspan x="{x}" dy="{0 if k == 0 else 11}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        + "</text>"
    )


def hbars(
    title: str,
    desc: str,
    items: Sequence[tuple[str, int]],
    *,
    colour: str = "#2b5c8a",
    width: int = 660,
) -> str:
    """Horizontal bars with a value axis and the value written at the end of each bar.

    Labels are written in full (wrapped onto two lines when long), never cut off.
    """
    lines = [_wrap(label, 44) for label, _ in items]
    label_chars = min(max((max(len(x) for x in ls) for ls in lines), default=4), 44)
    label_w = int(label_chars * CHAR_W) + 14
    row_h = 30 if any(len(ls) > 1 for ls in lines) else 24
    top, bottom, right = 8, 26, 50
    height = top + bottom + row_h * max(len(items), 1)
    plot_w = width - label_w - right
    ticks = nice_ticks(max((v for _, v in items), default=0))
    peak = ticks[-1] or 1
    parts = _svg_open(title, desc, width, height)
    base = top + row_h * max(len(items), 1)
    for t in ticks:
        x = label_w + t / peak * plot_w
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{base}" stroke="{GRID if t else AXIS}"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" '
            f'fill="{TEXT}">{_fmt(t, False)}</text>'
        )
    for i, (label, v) in enumerate(items):
        y = top + i * row_h
        w = v / peak * plot_w
        parts.append(_label(lines[i], label_w - 8, y + (row_h - 24) / 2, 24))
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}">'
            f"<title>{escape(label)}: {v:,}</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + row_h / 2 + 4:.1f}" font-size="12" '
            f'fill="{TEXT}">{v:,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
