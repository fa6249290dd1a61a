"""Published margins the synthetic data is raked to (SPEC §2.5; steps 2 and 3).

The release tables (world, US, EU, Asia, China; 2025-01..2026-01) print values
in million yen and YoY growth to one decimal. This module picks thousand-yen
values that reproduce every printed figure:

* release vintage, 2025-01..2026-01: each value rounds (half-up) to the printed
  million-yen figure (and, for 2026-01, to the 億円 of the totals lines,
  data/reference/release_2026_01_headline.csv), the balance (exports − imports) too, and every printed
  growth comes out — 2026-01 against 2025-01 of the same vintage, 2025 world
  months against d41ma 2024;
* base vintage, 2024, for US/EU/Asia/China: the prior-year values that make the
  printed 2025 growths (and balance growths, including the '-' of a sign
  change) come out against the release-vintage 2025 values.

All checks use exact rational arithmetic. Values are chosen strictly inside
the rounding intervals, never on a .5 tie (growth within ±0.049 points of the
printed figure, values within ±499 thousand yen), so a reader that rounds
half-up or half-away-from-zero gets the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from fractions import Fraction
from math import ceil, floor
from pathlib import Path

GROWTH_MARGIN = Fraction(49, 100)  # tenths of a point: strictly inside the rounding interval, never on a tie
VALUE_MARGIN = 499                 # thousand yen around the printed million-yen figure


def round_half_up(value: Fraction) -> int:
    """Round half away from zero (四捨五入)."""
    if value >= 0:
        return floor(value + Fraction(1, 2))
    return -floor(-value + Fraction(1, 2))


def million_yen(thousand_yen: int) -> int:
    return round_half_up(Fraction(thousand_yen, 1000))


def oku_yen(thousand_yen: int) -> int:
    return round_half_up(Fraction(thousand_yen, 100_000))


def growth_tenths(current: int, base: int) -> int | None:
    """YoY growth in tenths of a percent, rounded half-up; None when undefined
    (base zero or a sign change, printed '-')."""
    if base == 0 or (current != 0 and (current > 0) != (base > 0)):
        return None
    return round_half_up(Fraction(1000 * (current - base), base))


@dataclass(frozen=True)
class Interval:
    lo: int
    hi: int

    @property
    def empty(self) -> bool:
        return self.lo > self.hi

    @property
    def centre(self) -> int:
        return (self.lo + self.hi) // 2

    def __and__(self, other: "Interval") -> "Interval":
        return Interval(max(self.lo, other.lo), min(self.hi, other.hi))


EVERYTHING = Interval(-(10**18), 10**18)


def printed_interval(million: int) -> Interval:
    return Interval(million * 1000 - VALUE_MARGIN, million * 1000 + VALUE_MARGIN)


OKU_MARGIN = 49_999                # thousand yen around a printed 億円 figure (never on a tie)


def printed_oku_interval(oku: int | None) -> Interval:
    """Thousand-yen values that round (half-up) to ``oku`` 億円; everything when not printed."""
    if oku is None:
        return EVERYTHING
    return Interval(oku * 100_000 - OKU_MARGIN, oku * 100_000 + OKU_MARGIN)


def _ratio_bounds(tenths: int) -> tuple[Fraction, Fraction]:
    low = 1 + (tenths - GROWTH_MARGIN) / 1000
    high = 1 + (tenths + GROWTH_MARGIN) / 1000
    if high <= 0:
        raise ValueError(f"growth {tenths / 10}% is impossible")
    return max(low, Fraction(1, 10**9)), high


def base_interval(current: int, tenths: int | None) -> Interval:
    """Bases that give ``tenths`` growth for ``current`` (None: opposite sign)."""
    if tenths is None:
        if current > 0:
            return Interval(-(10**15), -1)
        if current < 0:
            return Interval(1, 10**15)
        raise ValueError("a zero current value has no sign to change")
    low, high = _ratio_bounds(tenths)
    a, b = Fraction(current) / high, Fraction(current) / low
    lo, hi = min(a, b), max(a, b)
    return Interval(ceil(lo), floor(hi))


def current_interval(base: int, tenths: int | None) -> Interval:
    """Current values that give ``tenths`` growth against ``base``."""
    if tenths is None:
        if base > 0:
            return Interval(-(10**15), -1)
        if base < 0:
            return Interval(1, 10**15)
        return EVERYTHING
    low, high = _ratio_bounds(tenths)
    a, b = base * low, base * high
    lo, hi = min(a, b), max(a, b)
    return Interval(ceil(lo), floor(hi))


def pick_pair(exports: Interval, imports: Interval, balance: Interval,
              prefer: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """(e, i) with e in exports, i in imports, e − i in balance, near ``prefer``."""
    if exports.empty or imports.empty or balance.empty:
        return None
    difference = Interval(exports.lo - imports.hi, exports.hi - imports.lo) & balance
    if difference.empty:
        return None
    e0, i0 = prefer if prefer else (exports.centre, imports.centre)
    d = min(max(e0 - i0, difference.lo), difference.hi)
    e_range = Interval(max(exports.lo, imports.lo + d), min(exports.hi, imports.hi + d))
    e = min(max(e0, e_range.lo), e_range.hi)
    return e, e - d


@dataclass(frozen=True)
class PublishedRow:
    area_code: str
    period_month: dt.date
    exports: int          # million yen
    exports_growth: int | None   # tenths of a percent; None when printed '-' / empty
    imports: int
    imports_growth: int | None
    balance: int
    balance_growth: int | None
    exports_oku: int | None = None   # 億円 as printed in the totals lines (2026-01 only), else None
    imports_oku: int | None = None


def _tenths(text: str) -> int | None:
    text = (text or "").strip()
    if text in ("", "-"):
        return None
    return round_half_up(Fraction(text) * 10)


def read_release_tables(path) -> dict[str, list[PublishedRow]]:
    import csv

    tables: dict[str, list[PublishedRow]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            row = PublishedRow(
                record["area_code"].strip(),
                dt.date.fromisoformat(record["period_month"].strip()[:10]),
                int(record["exports_million_yen"]), _tenths(record["exports_yoy_pct"]),
                int(record["imports_million_yen"]), _tenths(record["imports_yoy_pct"]),
                int(record["balance_million_yen"]), _tenths(record["balance_yoy_pct"]),
            )
            tables.setdefault(row.area_code, []).append(row)
    headline = Path(path).with_name("release_2026_01_headline.csv")
    if headline.exists():  # the 億円 figures of the totals lines narrow the 2026-01 values further
        with open(headline, encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                month = dt.date.fromisoformat(record["period_month"].strip()[:10])
                rows = tables.get(record["area_code"].strip(), [])
                for index, row in enumerate(rows):
                    if row.period_month == month:
                        rows[index] = replace(row, exports_oku=int(record["exports_hundred_million_yen"]),
                                              imports_oku=int(record["imports_hundred_million_yen"]))
    for rows in tables.values():
        rows.sort(key=lambda r: r.period_month)
    return tables


def read_listed_world_growths(path) -> dict[str, dict[str, int]]:
    """flow → release item → printed growth in tenths of a percent, for the world items the
    January 2026 release lists (data/reference/release_2026_01_listed_items.csv)."""
    import csv

    out: dict[str, dict[str, int]] = {}
    if not Path(path).exists():
        return out
    with open(path, encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["area_code"].strip() == "world":
                out.setdefault(record["flow"].strip(), {})[record["release_item_code"].strip()] = \
                    _tenths(record["yoy_pct"])
    return out


class MarginError(RuntimeError):
    pass


def _month_intervals(row: PublishedRow, base: tuple[int, int] | None) -> tuple[Interval, Interval, Interval]:
    exports = printed_interval(row.exports) & printed_oku_interval(row.exports_oku)
    imports = printed_interval(row.imports) & printed_oku_interval(row.imports_oku)
    balance = printed_interval(row.balance)
    if base is not None:
        exports &= current_interval(base[0], row.exports_growth)
        imports &= current_interval(base[1], row.imports_growth)
        balance &= current_interval(base[0] - base[1], row.balance_growth)
    return exports, imports, balance


def solve_release_area(rows: list[PublishedRow], base_2024: dict[dt.date, tuple[int, int]] | None
                       ) -> dict[dt.date, tuple[int, int]]:
    """Release-vintage (exports, imports) in thousand yen for the 13 months.

    ``base_2024`` (world only) fixes the prior-year values of the 2025 months;
    for areas it is None and the 2024 values are chosen afterwards
    (``solve_base_2024``). 2026-01 is always checked against 2025-01.
    """
    by_month = {row.period_month: row for row in rows}
    january_2025, january_2026 = dt.date(2025, 1, 1), dt.date(2026, 1, 1)
    if set(by_month) != {dt.date(2025, m, 1) for m in range(1, 13)} | {january_2026}:
        raise MarginError(f"area {rows[0].area_code}: expected the 13 months 2025-01..2026-01")
    result: dict[dt.date, tuple[int, int]] = {}
    for month, row in by_month.items():
        if month == january_2026:
            continue
        prior = None
        if base_2024 is not None:
            prior = base_2024[dt.date(month.year - 1, month.month, 1)]
        if month == january_2025:
            continue
        pair = pick_pair(*_month_intervals(row, prior))
        if pair is None:
            raise MarginError(f"area {row.area_code} {month:%Y-%m}: printed figures are inconsistent")
        result[month] = pair
    # 2025-01 and 2026-01 together: 2026-01 growth is against 2025-01 of this vintage
    row25, row26 = by_month[january_2025], by_month[january_2026]
    prior = base_2024[dt.date(2024, 1, 1)] if base_2024 is not None else None
    e25, i25, b25 = _month_intervals(row25, prior)
    candidates = []
    first = pick_pair(e25, i25, b25)
    if first is not None:
        candidates.append(first)
    steps = 8
    for a in range(steps + 1):
        for b in range(steps + 1):
            e = e25.lo + (e25.hi - e25.lo) * a // steps
            i = i25.lo + (i25.hi - i25.lo) * b // steps
            if b25.lo <= e - i <= b25.hi:
                candidates.append((e, i))
    for pair in candidates:
        second = pick_pair(*_month_intervals(row26, pair))
        if second is not None:
            result[january_2025] = pair
            result[january_2026] = second
            return dict(sorted(result.items()))
    raise MarginError(f"area {row25.area_code}: no 2025-01 / 2026-01 pair reproduces the printed growths")


def solve_base_2024(rows: list[PublishedRow], release: dict[dt.date, tuple[int, int]]
                    ) -> dict[dt.date, tuple[int, int]]:
    """Prior-year (2024) exports and imports that give the printed 2025 growths."""
    result = {}
    for row in rows:
        if row.period_month.year != 2025:
            continue
        e, i = release[row.period_month]
        exports = base_interval(e, row.exports_growth)
        imports = base_interval(i, row.imports_growth)
        balance = base_interval(e - i, row.balance_growth)
        pair = pick_pair(exports, imports, balance)
        if pair is None:
            raise MarginError(f"area {row.area_code} {row.period_month:%Y-%m}: no 2024 values give the printed growths")
        result[dt.date(2024, row.period_month.month, 1)] = pair
    return result


def check_area(rows: list[PublishedRow], release: dict[dt.date, tuple[int, int]],
               base_2024: dict[dt.date, tuple[int, int]]) -> list[str]:
    """Every printed figure recomputed from thousand-yen values; returns mismatches."""
    problems = []
    for row in rows:
        e, i = release[row.period_month]
        if row.period_month.year == 2025:
            pe, pi = base_2024[dt.date(2024, row.period_month.month, 1)]
        else:
            pe, pi = release[dt.date(2025, 1, 1)]
        checks = [
            ("exports", million_yen(e), row.exports),
            ("imports", million_yen(i), row.imports),
            ("balance", million_yen(e - i), row.balance),
            ("balance of rounded", million_yen(e) - million_yen(i), row.balance),
            ("exports 億円", oku_yen(e) if row.exports_oku is not None else None, row.exports_oku),
            ("imports 億円", oku_yen(i) if row.imports_oku is not None else None, row.imports_oku),
            ("exports growth", growth_tenths(e, pe), row.exports_growth),
            ("imports growth", growth_tenths(i, pi), row.imports_growth),
            ("balance growth", growth_tenths(e - i, pe - pi), row.balance_growth),
        ]
        for name, got, want in checks:
            if got != want:
                problems.append(f"{row.area_code} {row.period_month:%Y-%m} {name}: {got} != printed {want}")
    return problems


# ---------------------------------------------------------------- China's balance history
#
# The release says China's balance in January 2026 is 「58ヵ月連続の赤字」: a deficit
# in every month 2021-04..2026-01 and a surplus in 2021-03. 2024 (``solve_base_2024``)
# and 2025-01..2026-01 (the tables) are fixed by the printed figures; the months
# before 2024 are not published by area, so China's totals there are designed here:
# a rough hand-set share of the world flow (annual knots, interpolated at mid-year,
# ending on the 2024 share), a Lunar-New-Year seasonal shape and a little noise,
# with the balance moved where needed (around the month's mean of exports and
# imports) so the release's deficit run comes out.

CHINA_LAST_SURPLUS = dt.date(2021, 3, 1)   # 「58ヵ月連続の赤字」 in 2026-01: 2021-04..2026-01 are deficits
CHINA_DEFICIT_RUN = 58
# rough share of Japan's world exports / imports going to / coming from China, by year
CHINA_SHARE = {
    "export": {2019: 0.191, 2020: 0.220, 2021: 0.216, 2022: 0.194, 2023: 0.176},
    "import": {2019: 0.235, 2020: 0.258, 2021: 0.240, 2022: 0.210, 2023: 0.222},
}
# month-of-year factors (Lunar New Year: fewer imports from China in February and March)
CHINA_SEASON = {
    "export": {1: 0.97, 2: 0.95, 3: 1.03},
    "import": {1: 1.06, 2: 0.93, 3: 0.92},
}
CHINA_NOISE = 0.025                   # sd of the monthly log share
CHINA_MIN_GAP = Fraction(3, 100)      # smallest |balance| / mean(exports, imports) where a sign is imposed


def china_balance_sign(month: dt.date) -> int:
    """+1: must be a surplus, -1: must be a deficit, 0: free (before the last surplus)."""
    if month == CHINA_LAST_SURPLUS:
        return 1
    return -1 if month > CHINA_LAST_SURPLUS else 0


def _impose_sign(exports: int, imports: int, sign: int) -> tuple[int, int]:
    """Move the balance to the required sign (at least CHINA_MIN_GAP of the mean
    level away from zero), keeping exports + imports unchanged."""
    if sign == 0:
        return exports, imports
    both = exports + imports
    gap = ceil(CHINA_MIN_GAP * Fraction(both, 2))
    balance = exports - imports
    if sign > 0 and balance < gap:
        balance = gap
    elif sign < 0 and balance > -gap:
        balance = -gap
    else:
        return exports, imports
    new_exports = (both + balance + 1) // 2     # (exports - imports) is balance or balance + 1
    return new_exports, both - new_exports


def china_history(world: dict[dt.date, tuple[int, int]], base_2024: dict[dt.date, tuple[int, int]],
                  noise: dict[str, list[float]]) -> dict[dt.date, tuple[int, int]]:
    """China's designed (exports, imports) in thousand yen for the months of
    ``world`` before 2024.

    ``world`` holds the world totals (exports, imports) of every month up to
    2024-12; ``base_2024`` China's 2024 values (their annual share is the last
    knot of the share path). ``noise`` gives one standard normal draw per flow
    and designed month, in month order.
    """
    import numpy as np

    months = sorted(m for m in world if m.year < 2024)
    out_values = {}
    for f, flow in enumerate(("export", "import")):
        share_2024 = (sum(value[f] for value in base_2024.values())
                      / sum(world[m][f] for m in base_2024))
        knots = {**CHINA_SHARE[flow], 2024: share_2024}
        years = sorted(knots)
        draws = noise[flow]
        if len(draws) != len(months):
            raise MarginError(f"{flow}: {len(draws)} noise draws for {len(months)} months")
        for k, month in enumerate(months):
            position = month.year + (month.month - 0.5) / 12.0
            share = float(np.interp(position, [y + 0.5 for y in years], [knots[y] for y in years]))
            share *= CHINA_SEASON[flow].get(month.month, 1.0) * float(np.exp(CHINA_NOISE * draws[k]))
            out_values.setdefault(month, [0, 0])[f] = int(round(world[month][f] * share))
    result = {}
    for month in months:
        exports, imports = _impose_sign(*out_values[month], china_balance_sign(month))
        if not (0 < exports < world[month][0] and 0 < imports < world[month][1]):
            raise MarginError(f"China {month:%Y-%m}: designed values {exports}, {imports} out of range")
        result[month] = (exports, imports)
    return result


def deficit_run(balances: dict[dt.date, int]) -> tuple[int, dt.date | None]:
    """Length of the run of deficits ending in the last month, and the month
    before the run (None when the run reaches the first month)."""
    months = sorted(balances)
    run = 0
    for month in reversed(months):
        if balances[month] >= 0:
            return run, month
        run += 1
    return run, None
