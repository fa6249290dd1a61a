"""Deterministic synthetic customs microdata (e-Stat 品別国別表 layout), raked to
published margins. See the package docstring for what is real and what is not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ..estat_layout import (CODE_COLUMN, CODE_QUOTE, COUNTRY_COLUMN, FLOW_COLUMN, FLOW_NUMBERS, MEASURES,
                            UNIT_COLUMNS, YEAR_COLUMN, month_column, year_column)
from ..estat_layout import header as estat_header
from . import margins as mg
from .codebook import SPECIAL_CODES, CellStructure, build_codebook
from .partners import SMALL_EXTRA, SPECIAL_COUNTRIES, affinity_matrix, base_weights
from .raking import controlled_round, grouped_largest_remainder, ipf_2d, largest_remainder
from .reference import FLOWS, Reference, load_reference, members_on

FIRST_MONTH = dt.date(2019, 1, 1)
LAST_MONTH = dt.date(2026, 1, 1)
BASE_VINTAGE_DATE = dt.date(2026, 9, 17)
RELEASE_VINTAGE_DATE = dt.date(2026, 2, 18)
RELEASE_MONTHS = [dt.date(2025, m, 1) for m in range(1, 13)] + [dt.date(2026, 1, 1)]
GROUPS = ("china", "asia_excluding_china", "us", "eu", "rest_of_world")
AREAS = ("world", "304", "eu", "asia", "105")
FLOW_WORD = {"export": "exports", "import": "imports"}
SCALES = {
    # codes per flow (None: every HS 2022 subheading), largest country count per code
    "small": {"codes": 420, "max_countries": 60},
    "full": {"codes": None, "max_countries": 170},
}
SPECIAL_COUNTRY_SHARE = 4.5e-6   # of imports, on the 7xx codes (about 40-50 million yen a month)
# yen-price level paths (log), by January of each year; linear in between
PRICE_PATH = {
    "export": {2019: 0.0, 2020: -0.01, 2021: 0.02, 2022: 0.09, 2023: 0.14, 2024: 0.17, 2025: 0.19, 2026: 0.18},
    "import": {2019: 0.0, 2020: -0.04, 2021: 0.05, 2022: 0.30, 2023: 0.30, 2024: 0.25, 2025: 0.25, 2026: 0.21},
}


def month_list(first: dt.date = FIRST_MONTH, last: dt.date = LAST_MONTH) -> list[dt.date]:
    out, month = [], first
    while month <= last:
        out.append(month)
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return out


class GenerationError(RuntimeError):
    pass


@dataclass
class Margins:
    """Everything the raking must hit, per flow (thousand yen)."""

    months: list[dt.date]
    cells: dict[str, list[str]]                                  # flow -> cell codes
    base_cells: dict[str, np.ndarray]                            # flow -> (months, cells)
    release_cells: dict[str, np.ndarray]                         # flow -> (13, cells)
    base_groups: dict[str, dict[dt.date, np.ndarray]]            # flow -> month -> 5 groups
    release_groups: dict[str, dict[dt.date, np.ndarray]]
    area_release: dict[str, dict[dt.date, tuple[int, int]]]
    area_base_2024: dict[str, dict[dt.date, tuple[int, int]]]
    china_base: dict[str, dict[dt.date, int]] = field(default_factory=dict)   # flow -> month -> China, before 2024
    release_residual: dict[str, dict[str, int]] = field(default_factory=dict)  # flow -> month -> residual-cell change
    clipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _rng(seed: int, *key: int) -> np.random.Generator:
    """The random stream of ``key`` (a flow's streams start with its ``Exp or Imp`` number, 1 or 2)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=tuple(key)))


def residual_cell(structure: CellStructure) -> str:
    """The cell that absorbs release-vintage differences: the leaf cell of section
    '9' 特殊取扱品 (it holds the 00-codes)."""
    cell = structure.cell_of_commodity("9")
    if cell != "9" or structure.children.get(cell):
        raise GenerationError(f"section '9' is not a leaf release item (its cell is {cell!r})")
    return cell


def compute_margins(ref: Reference, structures: dict[str, CellStructure], months: list[dt.date],
                    seed: int = 20260218) -> Margins:
    tables = mg.read_release_tables(ref.release_tables_path)
    listed_world_growths = mg.read_listed_world_growths(
        ref.release_tables_path.with_name("release_2026_01_listed_items.csv"))
    missing = [a for a in AREAS if a not in tables]
    if missing:
        raise GenerationError(f"{ref.release_tables_path}: no table for area(s) {', '.join(missing)}")
    world = ref.world_totals
    world_2024 = {dt.date(2024, m, 1): (int(world.loc[dt.date(2024, m, 1), "export"]),
                                        int(world.loc[dt.date(2024, m, 1), "import"])) for m in range(1, 13)}
    area_release, area_base = {}, {}
    for area in AREAS:
        if area == "world":
            area_release[area] = mg.solve_release_area(tables[area], world_2024)
            area_base[area] = world_2024
        else:
            area_release[area] = mg.solve_release_area(tables[area], None)
            area_base[area] = mg.solve_base_2024(tables[area], area_release[area])
        problems = mg.check_area(tables[area], area_release[area], area_base[area])
        if problems:
            raise GenerationError("release tables not reproduced: " + "; ".join(problems[:5]))

    cells, base_cells, release_cells, base_groups, release_groups = {}, {}, {}, {}, {}
    residuals: dict[str, dict[str, int]] = {}
    clipped: list[str] = []
    notes: list[str] = []
    for f, flow in enumerate(FLOWS):
        structure = structures[flow]
        values = ref.flows[flow].item_values
        codes = structure.cells
        matrix = np.zeros((len(months), len(codes)), dtype=np.int64)
        for t, month in enumerate(months):
            if month not in values.index:
                raise GenerationError(f"{flow} {month:%Y-%m}: no published values in the official series")
            row = values.loc[month]
            lacking = [c for c in codes if pd.isna(row.get(c))]
            if lacking:
                raise GenerationError(f"{flow} {month:%Y-%m}: release item(s) {lacking} have no published value")
            targets = structure.cell_targets({c: int(row[c]) for c in codes})
            for code in codes:
                if targets[code] < 0:
                    # published sub-items exceed their item: clip the remainder cell to 0 and take
                    # the excess from the nearest enclosing cell that can carry it (totals stay exact)
                    deficit = -targets[code]
                    targets[code] = 0
                    up = structure.parent[code]
                    while up is not None and targets[up] < deficit:
                        up = structure.parent[up]
                    if up is None:
                        up = max(codes, key=lambda c: targets[c])
                    targets[up] -= deficit
                    clipped.append(f"{flow} {month:%Y-%m} cell {code}: {-deficit} clipped to 0, "
                                   f"{deficit} taken from cell {up}")
            matrix[t] = [targets[c] for c in codes]
            total = int(row["total"])
            if matrix[t].sum() != total:
                raise GenerationError(f"{flow} {month:%Y-%m}: cells sum to {matrix[t].sum()}, total is {total}")
            d41 = world.loc[month, flow] if month in world.index else None
            if d41 is not None and int(d41) != total:
                notes.append(f"{flow} {month:%Y-%m}: d41ma {int(d41)} differs from the item series total {total}")
        cells[flow], base_cells[flow] = codes, matrix

        def groups_of(area_values: dict[str, dict[dt.date, tuple[int, int]]], month: dt.date) -> np.ndarray:
            v = {a: area_values[a][month][f] for a in AREAS}
            out = np.array([v["105"], v["asia"] - v["105"], v["304"], v["eu"],
                            v["world"] - v["asia"] - v["304"] - v["eu"]], dtype=np.int64)
            if (out < 0).any():
                raise GenerationError(f"{flow} {month:%Y-%m}: negative country group in {out.tolist()}")
            return out

        # release vintage: every cell keeps its d51ma/d61ma value; the section 9 cell
        # absorbs the difference between the release world total and the series total
        release_matrix = np.zeros((len(RELEASE_MONTHS), len(codes)), dtype=np.int64)
        release_groups[flow], base_groups[flow] = {}, {}
        residual = codes.index(residual_cell(structure))
        residuals[flow] = {}
        for k, month in enumerate(RELEASE_MONTHS):
            t = months.index(month)
            total = area_release["world"][month][f]
            release_matrix[k] = matrix[t]
            change = total - int(matrix[t].sum())
            release_matrix[k, residual] += change
            residuals[flow][f"{month:%Y-%m}"] = change
            if release_matrix[k, residual] < 0:
                raise GenerationError(
                    f"{flow} {month:%Y-%m}: the release world total {total} is {-change} below the item "
                    f"series total; cell {codes[residual]} ({matrix[t, residual]}) cannot absorb it")
            release_groups[flow][month] = groups_of(area_release, month)
            base_groups[flow][month] = largest_remainder(int(matrix[t].sum()),
                                                         release_groups[flow][month].astype(np.float64))
        # the release's listed world items: their printed growth (2026-01 against 2025-01 of this
        # vintage), not the later d51ma/d61ma vintage's; the section 9 cell absorbs the change again
        k25, k26 = RELEASE_MONTHS.index(dt.date(2025, 1, 1)), RELEASE_MONTHS.index(dt.date(2026, 1, 1))
        for item, tenths in listed_world_growths.get(flow, {}).items():
            subtree = structure.subtree_cells(item)
            if codes[residual] in subtree:
                raise GenerationError(f"{flow}: listed item {item} contains the residual cell")
            columns = [codes.index(c) for c in subtree]
            before = int(release_matrix[k26, columns].sum())
            target = int(mg.round_half_up(Fraction(int(release_matrix[k25, columns].sum()) * (1000 + tenths), 1000)))
            release_matrix[k26, columns] = largest_remainder(target, release_matrix[k26, columns].astype(np.float64))
            release_matrix[k26, residual] -= target - before
            residuals[flow]["2026-01"] -= target - before
            if release_matrix[k26, residual] < 0:
                raise GenerationError(f"{flow} 2026-01: residual cell cannot absorb listed item {item}")
        release_cells[flow] = release_matrix
        for m in range(1, 13):
            month = dt.date(2024, m, 1)
            base_groups[flow][month] = groups_of(area_base, month)
            if base_groups[flow][month].sum() != matrix[months.index(month)].sum():
                raise GenerationError(f"{flow} {month:%Y-%m}: d41ma differs from the item series total")
    china_base = china_margins(months, base_cells, base_groups, area_release, area_base, seed)
    return Margins(months, cells, base_cells, release_cells, base_groups, release_groups,
                   area_release, area_base, china_base, residuals, clipped, notes)


def china_margins(months: list[dt.date], base_cells: dict[str, np.ndarray],
                  base_groups: dict[str, dict[dt.date, np.ndarray]],
                  area_release: dict[str, dict[dt.date, tuple[int, int]]],
                  area_base: dict[str, dict[dt.date, tuple[int, int]]], seed: int) -> dict[str, dict[dt.date, int]]:
    """China's base-vintage totals before 2024 (designed, see ``margins.china_history``),
    and a check that China's balance has the release's deficit run in both vintages."""
    world = {m: (int(base_cells["export"][t].sum()), int(base_cells["import"][t].sum()))
             for t, m in enumerate(months) if m.year <= 2024}
    designed = sorted(m for m in world if m.year < 2024)
    rng = _rng(seed, 105)
    noise = {flow: rng.standard_normal(len(designed)).tolist() for flow in FLOWS}
    history = mg.china_history(world, area_base["105"], noise)
    base_china = {m: (int(base_groups["export"][m][0]), int(base_groups["import"][m][0]))
                  for m in base_groups["export"]}
    base_china.update(history)
    as_published = {m: v for m, v in base_china.items() if m.year <= 2024}
    as_published.update(area_release["105"])
    for name, series in (("base", base_china), ("as of the release", as_published)):
        balances = {m: e - i for m, (e, i) in series.items()}
        run, before = mg.deficit_run(balances)
        if run != mg.CHINA_DEFICIT_RUN or before != mg.CHINA_LAST_SURPLUS or balances[before] <= 0:
            raise GenerationError(f"China's balance ({name}): {run} months of deficit since "
                                  f"{before}, not {mg.CHINA_DEFICIT_RUN} since the surplus of "
                                  f"{mg.CHINA_LAST_SURPLUS:%Y-%m}")
    return {flow: {m: history[m][f] for m in designed} for f, flow in enumerate(FLOWS)}


def country_table(ref: Reference, scale: str, months: list[dt.date]) -> tuple[pd.DataFrame, np.ndarray]:
    """Countries used and their raking group per month (months × countries)."""
    countries = ref.countries.copy()
    countries = countries[countries["country_code"].str.fullmatch(r"\d{3}")]
    if scale == "small":
        keep = set(SMALL_EXTRA) | {"304", "105"}
        for month in months:
            keep |= members_on(ref.memberships, "asia", month) | members_on(ref.memberships, "eu", month)
        countries = countries[countries["country_code"].isin(keep)]
    countries = countries.sort_values("country_code").reset_index(drop=True)
    codes = countries["country_code"].to_numpy()
    groups = np.full((len(months), len(codes)), 4, dtype=np.int64)
    cache: dict[tuple, np.ndarray] = {}
    for t, month in enumerate(months):
        asia = members_on(ref.memberships, "asia", month)
        eu = members_on(ref.memberships, "eu", month)
        key = (frozenset(asia), frozenset(eu))
        if key not in cache:
            if asia & eu or "304" in asia | eu or "105" not in asia:
                raise GenerationError(f"{month:%Y-%m}: area memberships overlap (Asia, EU, US, China must be disjoint)")
            row = np.full(len(codes), 4, dtype=np.int64)
            row[np.isin(codes, sorted(asia))] = 1
            row[np.isin(codes, sorted(eu))] = 3
            row[codes == "304"] = 2
            row[codes == "105"] = 0
            cache[key] = row
        groups[t] = cache[key]
    return countries, groups


@dataclass
class FlowPlan:
    flow: str
    book: pd.DataFrame
    cell_index: np.ndarray        # per code
    pair_code: np.ndarray
    pair_country: np.ndarray
    pair_size: np.ndarray         # expected relative size (code size × country share)
    pair_slope: np.ndarray
    pair_active: np.ndarray       # probability of trading in a month
    pair_price_factor: np.ndarray
    code_level: np.ndarray        # (codes, months) log level: random walk + seasonality
    code_price: np.ndarray        # (codes, months) log price drift
    zero_quantity_rate: float = 0.004


def build_pairs(flow: str, book: pd.DataFrame, countries: pd.DataFrame, groups: np.ndarray,
                margins: Margins, months: list[dt.date], scale: str, seed: int) -> FlowPlan:
    rng = _rng(seed, FLOW_NUMBERS[flow], 2)
    n_codes, n_countries = len(book), len(countries)
    cell_pos = {c: i for i, c in enumerate(margins.cells[flow])}
    cell_index = book["cell"].map(cell_pos).to_numpy()
    country_codes = countries["country_code"].to_numpy()
    special = np.isin(country_codes, SPECIAL_COUNTRIES)
    weights = base_weights(countries, flow, _rng(seed, FLOW_NUMBERS[flow], 3))
    affinity = affinity_matrix(book["code"], countries, flow)
    scores = weights[None, :] * affinity
    # how many countries each code goes to: heavy tailed, larger codes reach more
    size = book["size"].to_numpy()
    rank = (np.argsort(np.argsort(size, kind="stable"), kind="stable") + 0.5) / n_codes
    u = 0.5 * rank + 0.5 * rng.random(n_codes)
    max_countries = min(SCALES[scale]["max_countries"], int((~special).sum()))
    counts = np.floor(np.exp(u ** 1.8 * np.log(max_countries))).astype(np.int64)
    counts = np.clip(counts, 1, max_countries)
    # goods with a few dominant suppliers (fuels, ores, ships ...) reach fewer countries
    concentrated = affinity.max(axis=1) >= 10
    counts[concentrated] = np.minimum(counts[concentrated], 12)
    counts[book["code"].isin(SPECIAL_CODES[flow]).to_numpy()] = max_countries
    with np.errstate(divide="ignore"):
        keys = np.log(scores) * np.where(concentrated, 2.0, 1.0)[:, None] + rng.gumbel(size=(n_codes, n_countries))
    keys[:, special] = -np.inf
    order = np.argsort(-keys, axis=1, kind="stable")
    chosen = np.zeros((n_codes, n_countries), dtype=bool)
    rows = np.repeat(np.arange(n_codes), counts)
    cols = order[rows, np.concatenate([np.arange(c) for c in counts])]
    chosen[rows, cols] = True
    # every ordinary country trades something (a few codes, chosen by size)
    lonely = np.flatnonzero(~chosen.any(axis=0) & ~special)
    if len(lonely):
        keys = np.log(size)[None, :] + rng.gumbel(size=(len(lonely), n_codes))
        picks = np.argsort(-keys, axis=1, kind="stable")[:, :3]
        for k, country in enumerate(lonely):
            chosen[picks[k], country] = True
            scores[picks[k], country] = np.maximum(scores[picks[k], country], 1e-3)
    strength = np.where(concentrated, 2.0, 1.0)[:, None]  # dominant suppliers dominate
    raw = np.where(chosen, scores ** strength * np.exp(rng.normal(0.0, 0.9, (n_codes, n_countries))), 0.0)

    # every cell trades with every raking group (as grouped in 2025), so raking is always feasible
    groups_2025 = groups[months.index(dt.date(2025, 1, 1))]
    for cell in range(len(margins.cells[flow])):
        members = np.flatnonzero(cell_index == cell)
        if not len(members):
            continue
        biggest = members[np.argmax(size[members])]
        for g in range(len(GROUPS)):
            in_group = (groups_2025 == g) & ~special
            if (chosen[np.ix_(members, np.flatnonzero(in_group))]).any():
                continue
            candidates = np.flatnonzero(in_group)
            best = candidates[np.argmax(scores[biggest, candidates])]
            chosen[biggest, best] = True
            raw[biggest, best] = max(scores[biggest, best], 1e-6)
    # a little import trade on the special 7xx codes
    if flow == "import" and special.any():
        ordinary = np.flatnonzero(~book["code"].str.startswith("00").to_numpy())
        picks = rng.choice(ordinary, size=max(3, len(ordinary) // 150), replace=False)
        specials = np.flatnonzero(special)
        for k, code in enumerate(np.sort(picks)):
            country = specials[k % len(specials)]
            chosen[code, country] = True
            raw[code, country] = raw[code].sum() * 0.01

    # calibrate country shares so 2024 lands near the published group totals
    year_2024 = [months.index(dt.date(2024, m, 1)) for m in range(1, 13)]
    cell_2024 = margins.base_cells[flow][year_2024].sum(axis=0).astype(np.float64)
    group_2024 = sum(margins.base_groups[flow][months[t]] for t in year_2024).astype(np.float64)
    calib_groups = np.where(special, len(GROUPS), groups_2025)
    targets = np.append(group_2024, 0.0)
    if flow == "import" and special.any():
        targets[len(GROUPS)] = SPECIAL_COUNTRY_SHARE * group_2024.sum()
        targets[4] -= targets[len(GROUPS)]
    for _ in range(12):
        share = raw / np.maximum(raw.sum(axis=1, keepdims=True), 1e-300)
        pair_size = size[:, None] * share
        cell_sum = np.bincount(cell_index, weights=pair_size.sum(axis=1), minlength=len(cell_2024))
        scale_to_cell = np.divide(cell_2024, cell_sum, out=np.zeros_like(cell_2024), where=cell_sum > 0)
        value = pair_size * scale_to_cell[cell_index][:, None]
        natural = np.bincount(np.tile(calib_groups, n_codes), weights=value.ravel(), minlength=len(targets))
        factor = np.divide(targets, natural, out=np.ones_like(targets), where=natural > 0)
        raw = raw * factor[calib_groups][None, :]
    share = raw / np.maximum(raw.sum(axis=1, keepdims=True), 1e-300)

    pair_code, pair_country = np.nonzero(chosen)          # row-major: by code, then country
    pair_size = size[pair_code] * share[pair_code, pair_country]
    pair_size = np.maximum(pair_size, 1e-9)
    n_pairs = len(pair_code)
    # expected thousand yen a month -> probability of trading in a month
    cell_mean = margins.base_cells[flow].mean(axis=0)
    cell_size = np.bincount(cell_index[pair_code], weights=pair_size, minlength=len(cell_mean))
    expected = pair_size * np.divide(cell_mean, cell_size, out=np.zeros_like(cell_mean),
                                     where=cell_size > 0)[cell_index[pair_code]]
    active = 1.0 - np.exp(-np.power(expected / 3000.0, 0.6))
    active = np.clip(active, 0.03, 1.0)

    dynamics = _rng(seed, FLOW_NUMBERS[flow], 4)
    n_months = len(months)
    walk = np.cumsum(dynamics.normal(0.0, 0.035, (n_codes, n_months)), axis=1)
    amplitude = dynamics.uniform(0.0, 0.2, n_codes)
    phase = dynamics.uniform(0.0, 12.0, n_codes)
    month_of_year = np.array([m.month for m in months], dtype=np.float64)
    seasonal = amplitude[:, None] * np.sin(2 * np.pi * (month_of_year[None, :] - phase[:, None]) / 12.0)
    price_walk = np.cumsum(dynamics.normal(0.0, 0.012, (n_codes, n_months)), axis=1)
    path = PRICE_PATH[flow]
    years = np.array([m.year + (m.month - 1) / 12.0 for m in months])
    knots = sorted(path)
    level = np.interp(years, knots, [path[k] for k in knots])
    return FlowPlan(
        flow, book, cell_index, pair_code, pair_country, pair_size,
        dynamics.normal(0.0, 0.06, n_pairs), active, np.exp(dynamics.normal(0.0, 0.2, n_pairs)),
        walk + seasonal, price_walk + level[None, :],
    )


def allocate_month(plan: FlowPlan, weights: np.ndarray, group: np.ndarray, cell_targets: np.ndarray,
                   group_targets: np.ndarray | None) -> np.ndarray:
    """Integer values per pair: cell targets exact, and group targets exact when given."""
    cells = plan.cell_index[plan.pair_code]
    fallback = plan.pair_size
    n_cells = len(cell_targets)
    if group_targets is None:
        block, totals = cells, cell_targets
    else:
        n_groups = len(group_targets)
        block = cells * n_groups + group
        seed = np.bincount(block, weights=weights, minlength=n_cells * n_groups).reshape(n_cells, n_groups)
        support_weight = np.bincount(block, weights=fallback, minlength=n_cells * n_groups).reshape(n_cells, n_groups)
        support = support_weight > 0
        tiny = 1e-6 * np.maximum(seed.sum(axis=1, keepdims=True), 1.0) * support_weight / np.maximum(
            support_weight.sum(axis=1, keepdims=True), 1e-300)
        seed = np.where(seed > 0, seed, tiny)
        fitted = ipf_2d(seed, cell_targets, group_targets)
        totals = controlled_round(fitted, cell_targets, group_targets, support).ravel()
    weight_sum = np.bincount(block, weights=weights, minlength=len(totals))
    dry = (totals > 0) & ~(weight_sum > 0)
    if dry.any():
        weights = np.where(dry[block], fallback, weights)
    return grouped_largest_remainder(block, totals, weights)


def _format(values: np.ndarray, codes: np.ndarray, countries: np.ndarray, unit1: np.ndarray,
            unit2: np.ndarray, q1: np.ndarray, q2: np.ndarray, flow: str, year: int) -> pd.DataFrame:
    """The rows of a by-country file (one per code × country, months in columns) in the e-Stat
    layout of ``estat_layout``: code in quotes, year totals, then the month blocks."""
    n = len(codes)
    figures = {"Quantity1": q1, "Quantity2": q2, "Value": values}
    data: dict[str, object] = {
        FLOW_COLUMN: np.full(n, FLOW_NUMBERS[flow]), YEAR_COLUMN: np.full(n, year),
        CODE_COLUMN: np.char.add(np.char.add(CODE_QUOTE, codes.astype(str)), CODE_QUOTE), COUNTRY_COLUMN: countries,
        UNIT_COLUMNS[0]: unit1, UNIT_COLUMNS[1]: unit2,
    }
    for measure in MEASURES:
        data[year_column(measure)] = figures[measure].sum(axis=1)
    for month in range(1, 13):
        for measure in MEASURES:
            data[month_column(measure, month)] = figures[measure][:, month - 1]
    return pd.DataFrame(data, columns=estat_header(by_country=True))


def write_by_country(path: Path, plan: FlowPlan, countries: pd.DataFrame, year: int,
                     values: np.ndarray, q1: np.ndarray, q2: np.ndarray) -> int:
    """Write the by-country CSV of one flow, year and vintage (pairs with a non-zero figure only);
    the number of rows written."""
    keep = (values != 0).any(axis=1) | (q1 != 0).any(axis=1) | (q2 != 0).any(axis=1)
    book = plan.book
    codes = book["code"].to_numpy()[plan.pair_code[keep]]
    country = countries["country_code"].to_numpy()[plan.pair_country[keep]]
    unit1 = book["unit1"].to_numpy()[plan.pair_code[keep]]
    unit2 = book["unit2"].to_numpy()[plan.pair_code[keep]]
    frame = _format(values[keep], codes, country, unit1, unit2, q1[keep], q2[keep], plan.flow, year)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")
    return int(keep.sum())


def quantities(plan: FlowPlan, values: np.ndarray, month_index: list[int], zero_draw: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    out = []
    code = plan.pair_code
    for slot in (1, 2):
        unit = plan.book[f"unit{slot}"].to_numpy()
        has_unit = np.char.strip(unit.astype(str)) != ""
        price = plan.book[f"price{slot}"].to_numpy()
        unit_price = (price[code][:, None] * plan.pair_price_factor[:, None]
                      * np.exp(plan.code_price[code][:, month_index]))
        with np.errstate(divide="ignore", invalid="ignore"):
            q = np.floor(values / np.where(unit_price > 0, unit_price, np.inf))
        q = np.where(has_unit[code][:, None], q, 0).astype(np.int64)
        out.append(q)
    zero = (zero_draw < plan.zero_quantity_rate) & (values > 0)
    return np.where(zero, 0, out[0]), np.where(zero, 0, out[1])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


README = """# Synthetic customs microdata — {scale} scale, seed {seed}

**This data is SYNTHETIC.** It was written by `japan_trade.synthetic`
(`generate(scale={scale!r}, seed={seed})`) in the e-Stat 品別国別表 (by-country)
layout. No row of it is a real customs record.

## What is real (the published margins it is raked to)

* **World × release item, every month 2019-01..2026-01, both flows** — equal in
  thousand yen to the Ministry of Finance series d51ma (exports) and d61ma
  (imports), hence the world totals equal d41ma. Base-vintage files; the
  release-vintage files keep these values for every release item except
  section 9 特殊取扱品, which absorbs the difference to the release world total.
* **The five 13-month tables of the January 2026 release** (world, US, EU, Asia,
  China; 2025-01..2026-01) — the release-vintage files reproduce every printed
  million-yen value and every printed YoY growth (exports, imports, balance,
  including '-' for a sign change).
* **US, EU, Asia and China in 2024** (base vintage) — chosen so that the
  release's 2025 growth rates come out as printed.
* **The sign of China's balance** — a surplus in 2021-03 and deficits
  2021-04..2026-01, as the release's 「58ヵ月連続の赤字」 says. China's totals
  before 2024 are otherwise synthetic.

## What is synthetic

Everything below those margins: which 9-digit codes and countries trade, how a
release item splits into codes and countries, every quantity, and the regional
split of all other months (2019–2023, and every area other than US, EU, Asia
and China). The code book is HS 2022 subheadings with 3-digit national
suffixes (the real January 2026 codes where they exist; real units and unit
values were borrowed from that file). 00-codes, two-unit codes, zero-quantity
rows and a little import trade on the special 7xx country codes are included
to exercise the loader.

## Vintages

* `*_base.csv` — vintage date 2026-09-17 (the archive date of d41ma/d51ma/d61ma);
  months 2019-01..2026-01.
* `*_release.csv` — vintage date 2026-02-18 (the January 2026 release as first
  published); 2025 and 2026 files, months 2025-01..2026-01.

Source of the real margins: Ministry of Finance Japan, Trade Statistics
(財務省貿易統計). See `manifest.json` for files, vintages and checksums.
"""


def generate(scale: str, out_dir: Path, seed: int = 20260218,
             progress: Callable[[str], None] | None = None, *,
             project_root: Path | None = None, years: tuple[int, ...] | None = None) -> Path:
    """Write synthetic by-country microdata and return the path of manifest.json.

    ``years`` restricts the files written (for quick tests); margins, code
    books and random streams do not depend on it, so the files that are
    written are identical to those of a full run.
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, got {scale!r}")
    say = progress or (lambda message: None)
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    ref = load_reference(project_root)
    months = month_list()
    structures = {flow: CellStructure.build(ref.flows[flow].items) for flow in FLOWS}
    say("computing published margins (d51ma/d61ma cells, release tables)")
    margins = compute_margins(ref, structures, months, seed)
    countries, groups = country_table(ref, scale, months)
    all_years = sorted({m.year for m in months})
    wanted_years = all_years if years is None else sorted(set(years))
    if not set(wanted_years) <= set(all_years):
        raise ValueError(f"years must be within {all_years[0]}..{all_years[-1]}, got {list(years or [])}")
    files, diagnostics = [], {"clipped_cells": margins.clipped, "notes": margins.notes,
                              "release_residual_cell": {"cell": "9", "change": margins.release_residual},
                              "flows": {}}
    for flow in FLOWS:
        say(f"{flow}: building the code book")
        book, book_diag = build_codebook(ref.flows[flow], ref.hs6, scale, _rng(seed, FLOW_NUMBERS[flow], 1),
                                         structures[flow], SCALES[scale]["codes"] or 0)
        plan = build_pairs(flow, book, countries, groups, margins, months, scale, seed)
        cells = margins.cells[flow]
        empty = [cells[c] for c in range(len(cells))
                 if margins.base_cells[flow][:, c].any() and not (plan.cell_index == c).any()]
        if empty:
            raise GenerationError(f"{flow}: release item cell(s) {empty} have published values but no codes")
        flow_diag = dict(book_diag, pairs=int(len(plan.pair_code)), countries=int(len(countries)), rows={})
        for year in wanted_years:
            month_index = [t for t, m in enumerate(months) if m.year == year]
            rng = _rng(seed, FLOW_NUMBERS[flow], 1000 + year)
            n_pairs, n_months = len(plan.pair_code), len(month_index)
            noise = rng.standard_normal((n_pairs, n_months))
            active = rng.random((n_pairs, n_months)) < plan.pair_active[:, None]
            zero_draw = rng.random((n_pairs, n_months))
            t = np.array(month_index, dtype=np.float64)
            log_weight = (np.log(plan.pair_size)[:, None] + plan.code_level[plan.pair_code][:, month_index]
                          + plan.pair_slope[:, None] * (t[None, :] - 60.0) / 12.0 + 0.3 * noise)
            weights = np.exp(log_weight) * active
            vintages = [("base", BASE_VINTAGE_DATE)]
            if any(months[i] in RELEASE_MONTHS for i in month_index):
                vintages.append(("release", RELEASE_VINTAGE_DATE))
            for vintage, vintage_date in vintages:
                values = np.zeros((n_pairs, 12), dtype=np.int64)
                used = []
                for j, ti in enumerate(month_index):
                    month = months[ti]
                    group = groups[ti][plan.pair_country]
                    if vintage == "base":
                        cell_targets = margins.base_cells[flow][ti]
                        group_targets = margins.base_groups[flow].get(month)
                        if group_targets is None and month in margins.china_base[flow]:
                            # only China is imposed: raked as {China} × {everyone else}
                            china = margins.china_base[flow][month]
                            group = (group != 0).astype(np.int64)
                            group_targets = np.array([china, int(cell_targets.sum()) - china], dtype=np.int64)
                    elif month in RELEASE_MONTHS:
                        cell_targets = margins.release_cells[flow][RELEASE_MONTHS.index(month)]
                        group_targets = margins.release_groups[flow][month]
                    else:
                        continue
                    values[:, month.month - 1] = allocate_month(plan, weights[:, j], group, cell_targets,
                                                                group_targets)
                    used.append(j)
                columns = [months[month_index[j]].month - 1 for j in used]
                q1 = np.zeros_like(values)
                q2 = np.zeros_like(values)
                sub_q1, sub_q2 = quantities(plan, values[:, columns], [month_index[j] for j in used],
                                            zero_draw[:, used])
                q1[:, columns], q2[:, columns] = sub_q1, sub_q2
                through = months[month_index[used[-1]]]
                name = f"by_country/{FLOW_WORD[flow]}_{year}_{vintage}.csv"
                rows = write_by_country(out_dir / name, plan, countries, year, values, q1, q2)
                flow_diag["rows"][f"{year}_{vintage}"] = rows
                files.append({
                    "path": name, "kind": "customs_by_country", "flow": flow, "year": year,
                    "through_month": f"{through:%Y-%m}", "vintage_date": vintage_date.isoformat(),
                    "vintage": vintage, "source_label": "synthetic", "sha256": _sha256(out_dir / name),
                })
                say(f"{flow} {year} {vintage}: {rows:,} rows")
        diagnostics["flows"][flow] = flow_diag
    files.sort(key=lambda f: (f["flow"], f["year"], f["vintage"]))
    manifest = {
        "generator": "japan_trade.synthetic", "scale": scale, "seed": seed, "label": "synthetic",
        "first_month": f"{months[0]:%Y-%m}", "last_month": f"{months[-1]:%Y-%m}",
        "files": files, "diagnostics": diagnostics,
    }
    path = out_dir / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out_dir / "README.md").write_text(README.format(scale=scale, seed=seed), encoding="utf-8")
    say(f"done in {time.perf_counter() - started:.1f}s: {len(files)} files")
    return path
