"""Inline SVG charts for the HTML release (no plotting library, no external files).

Two charts: the 13-month trend (exports and imports as bars, the balance as a line, one axis in
億円) and contributions by commodity (horizontal bars around zero). Texts are escaped; sizes are
fixed so the page looks the same in every browser and prints on A4.
"""

from __future__ import annotations

import html
import math

EXPORT_COLOUR, IMPORT_COLOUR, BALANCE_COLOUR = "#1f4e79", "#9dc3e6", "#c55a11"
UP_COLOUR, DOWN_COLOUR = "#2e75b6", "#c00000"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (steps of 1, 2 or 5 × a power of ten)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value < high + step / 2:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _text(x: float, y: float, text: str, anchor: str = "middle", size: int = 10, colour: str = "#333") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{colour}">'
            f"{html.escape(text)}</text>")


def trend_chart(labels: list[str], exports: list[int | None], imports: list[int | None],
                balance: list[int | None], legend: list[str], width: int = 720, height: int = 300) -> str:
    left, right, top, bottom = 64, 16, 28, 40
    values = [v for v in exports + imports + balance if v is not None] or [0]
    ticks = nice_ticks(min(0, min(values)), max(values))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(value: float) -> float:
        return top + plot_h * (high - value) / (high - low)

    slot = plot_w / max(len(labels), 1)
    bar = slot * 0.35
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    for tick in ticks:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'stroke="{"#888" if tick == 0 else "#e3e3e3"}"/>')
        parts.append(_text(left - 6, y(tick) + 3, f"{tick:,.0f}", anchor="end"))
    points = []
    for i, label in enumerate(labels):
        x = left + slot * i + slot / 2
        for offset, value, colour in ((-bar, exports[i], EXPORT_COLOUR), (0, imports[i], IMPORT_COLOUR)):
            if value is not None:
                top_y, bottom_y = sorted((y(value), y(0)))
                parts.append(f'<rect x="{x + offset:.1f}" y="{top_y:.1f}" width="{bar:.1f}" '
                             f'height="{bottom_y - top_y:.1f}" fill="{colour}"/>')
        if balance[i] is not None:
            points.append(f"{x:.1f},{y(balance[i]):.1f}")
        parts.append(_text(x, height - bottom + 14, label, size=9))
    if points:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{BALANCE_COLOUR}" stroke-width="2"/>')
        for point in points:
            cx, cy = point.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{BALANCE_COLOUR}"/>')
    for i, (name, colour) in enumerate(zip(legend, (EXPORT_COLOUR, IMPORT_COLOUR, BALANCE_COLOUR))):
        x = left + i * 120
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 16, 18, name, anchor="start", size=11))
    parts.append("</svg>")
    return "".join(parts)


def contribution_chart(names: list[str], values: list[float], width: int = 720) -> str:
    row, top, label_w, right = 22, 12, 230, 60
    height = top * 2 + row * len(names)
    extent = max([abs(v) for v in values] + [0.1])
    plot_w = width - label_w - right
    zero = label_w + plot_w / 2

    def x(value: float) -> float:
        return zero + (plot_w / 2) * value / extent

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">',
             f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top - 4}" y2="{height - top + 4}" stroke="#888"/>']
    for i, (name, value) in enumerate(zip(names, values)):
        y0 = top + i * row
        start, end = sorted((x(0), x(value)))
        parts.append(f'<rect x="{start:.1f}" y="{y0 + 4}" width="{max(end - start, 0.5):.1f}" height="{row - 8}" '
                     f'fill="{UP_COLOUR if value >= 0 else DOWN_COLOUR}"/>')
        parts.append(_text(label_w - 8, y0 + row / 2 + 4, name, anchor="end", size=11))
        parts.append(_text(end + 4 if value >= 0 else start - 4, y0 + row / 2 + 4, f"{value:+.1f}",
                           anchor="start" if value >= 0 else "end", size=10))
    parts.append("</svg>")
    return "".join(parts)
