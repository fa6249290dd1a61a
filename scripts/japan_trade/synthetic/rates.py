"""Synthetic weekly customs exchange rates for the demo (USD, 2024-01 … 2026-01): a made-up path whose
January 2025 and January 2026 monthly averages are the release's 157.20 and 156.91 yen per dollar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from ..exchange_rates import monthly_average

#: Rough month-start levels of USD/JPY used to shape the synthetic weekly path (yen per dollar).
DEMO_PATH = {
    (2024, 1): 146.0, (2024, 4): 152.0, (2024, 7): 160.0, (2024, 9): 143.0, (2024, 12): 153.0,
    (2025, 1): 157.0, (2025, 4): 147.0, (2025, 7): 146.0, (2025, 10): 150.0, (2025, 12): 155.0,
    (2026, 1): 157.0,
}
#: Monthly averages printed in the January 2026 release: 令和8年1月 156.91, 令和7年1月 157.20.
DEMO_TARGETS = {(2025, 1): Decimal("157.20"), (2026, 1): Decimal("156.91")}


def _sundays(first: dt.date, last: dt.date) -> list[dt.date]:
    day = first - dt.timedelta(days=(first.weekday() + 1) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += dt.timedelta(days=7)
    return out


def _path_level(day: dt.date) -> float:
    points = sorted(DEMO_PATH.items())
    ordinals = [(dt.date(y, m, 1).toordinal(), level) for (y, m), level in points]
    x = day.toordinal()
    if x <= ordinals[0][0]:
        return ordinals[0][1]
    for (x0, y0), (x1, y1) in zip(ordinals, ordinals[1:]):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return ordinals[-1][1]


def write_demo_rates(path: Path) -> Path:
    """Synthetic weekly USD rates 2024-01..2026-01 whose January 2025 and January 2026 monthly averages
    are the release's 157.20 and 156.91 (rounded half-up to 0.01); everything else is made up."""
    weeks = _sundays(dt.date(2024, 1, 1), dt.date(2026, 1, 31))
    wiggle = [0.6, -0.4, 0.9, -0.7, 0.2, -0.3, 0.5, -0.8]
    rates = {week: Decimal(f"{_path_level(week) + wiggle[i % len(wiggle)]:.2f}") for i, week in enumerate(weeks)}
    for (year, month), target in DEMO_TARGETS.items():
        # shift the weeks that touch the month so the calendar-day average lands on the target
        first = dt.date(year, month, 1)
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        touching = [w for w in weeks if w <= last and w + dt.timedelta(days=6) >= first]
        shift = (target - monthly_average(rates, year, month)).quantize(Decimal("0.01"))
        for week in touching:
            rates[week] += shift
        residual = target - monthly_average(rates, year, month)
        middle = touching[len(touching) // 2]
        rates[middle] += (residual * last.day / 7).quantize(Decimal("0.01"))
        assert monthly_average(rates, year, month).quantize(Decimal("0.01")) == target, (year, month)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("week_start,currency,yen_per_unit\n")
        for week in weeks:
            handle.write(f"{week.isoformat()},USD,{rates[week]:.2f}\n")
    return path
