"""Inline SVG charts for the HTML report: no scripts, no external assets.

Each chart has a ``<title>`` and ``<desc>`` (read by screen readers, ``role="img"``) and the
report shows the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

TEXT = "#1a1a1a"
GRID = "#767676"


def stacked_bars(
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    *,
    width: int = 640,
    height: int = 260,
) -> str:
    """Vertical stacked bars, one per category, with a legend."""
    left, right, top, bottom = 44, 10, 30, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(series[s][i] for s in series) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    n = max(len(categories), 1)
    slot = plot_w / n
    bar_w = max(min(slot * 0.7, 60), 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{GRID}"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11" fill="{TEXT}">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11" fill="{TEXT}">0</text>',
    ]
    for i, cat in enumerate(categories):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        for s in series:
            v = series[s][i]
            if not v:
                continue
            h = v / peak * plot_h
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colours[s]}"><title>{escape(cat)}: {v} {escape(labels[s].lower())}</title></rect>'
            )
        label = cat if len(cat) <= 12 else cat[:11] + "…"
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" font-size="10" fill="{TEXT}" '
            f'text-anchor="end" transform="rotate(-35 {x + bar_w / 2:.1f} {top + plot_h + 14})">'
            f"{escape(label)}</text>"
        )
    lx = left
    for s in series:
        parts.append(f'<rect x="{lx}" y="6" width="12" height="12" fill="{colours[s]}"/>')
        parts.append(
            f'<text x="{lx + 16}" y="16" font-size="12" fill="{TEXT}">{escape(labels[s])}</text>'
        )
        lx += 24 + 7 * len(labels[s])
    parts.append("</svg>")
    return "".join(parts)


def hbars(
    title: str,
    desc: str,
    items: Sequence[tuple[str, int]],
    *,
    colour: str = "#2b5c8a",
    width: int = 640,
) -> str:
    """Horizontal bars with the value written at the end of each bar."""
    label_w, row_h, top = 230, 22, 8
    height = top * 2 + row_h * max(len(items), 1)
    plot_w = width - label_w - 50
    peak = max((v for _, v in items), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    for i, (label, v) in enumerate(items):
        y = top + i * row_h
        w = v / peak * plot_w
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12" fill="{TEXT}">'
            f"{escape(short)}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}">'
            f"<title>{escape(label)}: {v}</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="12" fill="{TEXT}">{v}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
