"""Project inputs the generator reads (never anything outside the project).

* seeds/reference/*.csv — countries, area memberships, principal-commodity
  rules and tree, release items;
* data/official/d41ma.csv, d51ma.csv, d61ma.csv — the published margins;
* data/official/estat/*.csv — real January 2026 world-level microdata (units,
  unit values and the relative size of each real 9-digit code);
* data/hs2022/harmonized-system.csv — HS 2022 subheadings (level 6);
* data/reference/release_2026_01_tables.csv — the five 13-month tables of the
  January 2026 release.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..estat_layout import CODE_COLUMN, UNIT_COLUMNS, month_column, unquote_code

FLOWS = ("export", "import")
FLOW_FILES = {"export": "d51ma.csv", "import": "d61ma.csv"}
ESTAT_FILES = {"export": "exports_2026_01_world_9digit.csv", "import": "imports_2026_01_world_9digit.csv"}


def default_project_root() -> Path:
    return Path(__file__).resolve().parents[3]


class ReferenceError_(RuntimeError):
    """A required project input is missing or malformed."""


def _read_csv(path: Path, **kwargs) -> pd.DataFrame:
    if not path.exists():
        raise ReferenceError_(f"{path}: required input is missing")
    return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)


@dataclass
class ReleaseItem:
    code: str
    order: int
    components: tuple[str, ...]
    name_en: str = ""

    def contains_commodity(self, commodity: str) -> bool:
        if self.code == "total":
            return True
        return any(commodity.startswith(component) for component in self.components)

    def contains_item(self, other: "ReleaseItem") -> bool:
        if self.code == "total":
            return True
        if other.code == "total":
            return False
        return all(any(c.startswith(mine) for mine in self.components) for c in other.components)


@dataclass
class FlowReference:
    flow: str
    rules: pd.DataFrame                 # hs_code_prefix, commodity_code
    items: list[ReleaseItem]
    item_values: pd.DataFrame           # index period_month, columns release_item_code (thousand yen)
    estat: pd.DataFrame                 # code, unit1, unit2, value, q1, q2
    rule_prefixes: dict[int, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self):
        by_length: dict[int, dict[str, str]] = {}
        for prefix, commodity in zip(self.rules["hs_code_prefix"], self.rules["commodity_code"]):
            by_length.setdefault(len(prefix), {})[prefix] = commodity
        self.rule_prefixes = dict(sorted(by_length.items(), reverse=True))

    def map_codes(self, codes: pd.Series) -> tuple[pd.Series, pd.Series]:
        """(commodity_code, matched prefix) per code by longest prefix; '' when none."""
        codes = pd.Series(codes, dtype=object).reset_index(drop=True)
        commodity = pd.Series([""] * len(codes), dtype=object)
        matched = pd.Series([""] * len(codes), dtype=object)
        todo = np.ones(len(codes), dtype=bool)
        for length, table in self.rule_prefixes.items():
            if not todo.any():
                break
            heads = codes[todo].str[:length]
            hit = heads.map(table)
            found = hit.notna().to_numpy()
            index = np.flatnonzero(todo)[found]
            commodity.iloc[index] = hit[found].to_numpy()
            matched.iloc[index] = heads[found].to_numpy()
            todo[index] = False
        return commodity, matched


@dataclass
class Reference:
    root: Path
    hs6: list[str]
    flows: dict[str, FlowReference]
    world_totals: pd.DataFrame          # index period_month, columns export/import (d41ma)
    release_tables_path: Path
    countries: pd.DataFrame
    memberships: pd.DataFrame


def _read_items(path: Path, flow: str) -> list[ReleaseItem]:
    frame = _read_csv(path)
    frame = frame[frame["flow"].str.strip() == flow]
    items = []
    for record in frame.itertuples(index=False):
        code = record.release_item_code.strip()
        components = tuple(c.strip() for c in record.component_commodity_codes.split("|") if c.strip())
        if code != "total" and not components:
            components = tuple(code.split("+"))
        items.append(ReleaseItem(code, int(record.item_order), components, getattr(record, "name_en", "")))
    items.sort(key=lambda item: item.order)
    if not any(item.code == "total" for item in items):
        items.insert(0, ReleaseItem("total", 0, ()))
    return items


def _official_items(path: Path) -> pd.DataFrame:
    from japan_trade.official_series import read_official_series

    frame = read_official_series(path)
    frame = frame.drop_duplicates(["release_item_code", "period_month"])
    wide = frame.pivot(index="period_month", columns="release_item_code", values="value_thousand_yen")
    return wide


def _read_estat(path: Path) -> pd.DataFrame:
    """The ordinary 9-digit codes of a real January e-Stat file: code, units, January value and quantities."""
    frame = _read_csv(path)
    codes = frame[CODE_COLUMN].map(unquote_code)
    out = pd.DataFrame({
        "code": codes,
        "unit1": frame[UNIT_COLUMNS[0]],
        "unit2": frame[UNIT_COLUMNS[1]],
        "value": frame[month_column("Value", 1)].astype(np.int64),
        "q1": frame[month_column("Quantity1", 1)].astype(np.int64),
        "q2": frame[month_column("Quantity2", 1)].astype(np.int64),
    })
    return out[out["code"].str.fullmatch(r"\d{9}")].reset_index(drop=True)


def load_reference(root: Path | None = None) -> Reference:
    root = Path(root) if root else default_project_root()
    seeds = root / "seeds" / "reference"
    official = root / "data" / "official"
    hs = _read_csv(root / "data" / "hs2022" / "harmonized-system.csv")
    hs6 = sorted(set(hs.loc[hs["level"] == "6", "hscode"].str.strip()))
    rules = _read_csv(seeds / "principal_commodity_hs_rules.csv")
    rules["flow"] = rules["flow"].str.strip()
    rules["hs_code_prefix"] = rules["hs_code_prefix"].str.strip().str.strip("'")
    rules["commodity_code"] = rules["commodity_code"].str.strip().str.strip("'")
    flows = {}
    for flow in FLOWS:
        flow_rules = rules.loc[rules["flow"] == flow, ["hs_code_prefix", "commodity_code"]]
        flow_rules = flow_rules.sort_values("hs_code_prefix").reset_index(drop=True)
        flows[flow] = FlowReference(
            flow,
            flow_rules,
            _read_items(seeds / "release_items.csv", flow),
            _official_items(official / FLOW_FILES[flow]),
            _read_estat(official / "estat" / ESTAT_FILES[flow]),
        )
    from japan_trade.official_series import read_official_series

    totals = read_official_series(official / "d41ma.csv")
    world = totals.pivot(index="period_month", columns="flow", values="value_thousand_yen")
    countries = _read_csv(seeds / "countries.csv")
    memberships = _read_csv(seeds / "area_memberships.csv")
    for column in ("country_code", "area_code"):
        if column in countries:
            countries[column] = countries[column].str.strip()
        memberships[column] = memberships[column].str.strip()
    return Reference(root, hs6, flows, world, root / "data" / "reference" / "release_2026_01_tables.csv",
                     countries, memberships)


def _as_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    return dt.date.fromisoformat(text[:10]) if text else None


def members_on(memberships: pd.DataFrame, area: str, month: dt.date) -> set[str]:
    """Countries in ``area`` on the first day of ``month`` (valid_to exclusive)."""
    out = set()
    rows = memberships[memberships["area_code"] == area]
    for country, start, end in zip(rows["country_code"], rows["valid_from"], rows["valid_to"]):
        start_date, end_date = _as_date(start), _as_date(end)
        if (start_date is None or start_date <= month) and (end_date is None or month < end_date):
            out.add(country)
    return out


def country_valid(countries: pd.DataFrame, month: dt.date) -> np.ndarray:
    starts = [(_as_date(s) or dt.date.min) for s in countries.get("valid_from", pd.Series([""] * len(countries)))]
    ends = [(_as_date(e) or dt.date.max) for e in countries.get("valid_to", pd.Series([""] * len(countries)))]
    return np.array([s <= month < e for s, e in zip(starts, ends)], dtype=bool)
