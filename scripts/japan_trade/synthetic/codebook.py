"""Synthetic code books (9-digit statistical codes per flow) and their cells.

A code is an HS 2022 subheading plus a 3-digit national suffix. Where the real
January 2026 microdata (data/official/estat) has codes under a subheading, the
real codes are used, with their real units and unit values, and their real
January value sets the code's relative size; other subheadings get synthetic
suffixes drawn from the flow's own suffix distribution (export and import
suffix sets differ), with units and unit values borrowed from the nearest real
codes. Every code is mapped to its principal commodity by the longest-prefix
rules and then to its *cell*: the deepest release item containing it (cell
value = item value − its published sub-items).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..estat_layout import BLANK_UNIT
from .reference import FlowReference, ReleaseItem

SPECIAL_CODES = {"export": ("000000190",), "import": ("000000011", "000000019", "000000091", "000000099")}
DEFAULT_UNIT_PRICE = {  # thousand yen per unit when no real code gives a unit value
    "KG": 1.5, "MT": 300.0, "NO": 20.0, "GR": 5.0, " L": 0.5, "KL": 100.0, "SM": 1.0,
    "DZ": 3.0, "PR": 2.0, "CM": 10.0, "TH": 50.0, "ST": 20.0, "CT": 5.0, "GT": 30.0,
}


@dataclass
class CellStructure:
    """Release items of a flow as a laminar family, and the disjoint leaf cells."""

    items: list[ReleaseItem]
    parent: dict[str, str | None]
    children: dict[str, list[str]]

    @classmethod
    def build(cls, items: list[ReleaseItem]) -> "CellStructure":
        codes = [item.code for item in items]
        by_code = {item.code: item for item in items}
        parent: dict[str, str | None] = {}
        for item in items:
            containers = [other for other in items
                          if other.code != item.code and other.contains_item(item)
                          and not (item.contains_item(other) and other.order > item.order)]
            if not containers:
                parent[item.code] = None
                continue
            # the smallest container: the one contained in all the others
            best = None
            for candidate in containers:
                if all(other.contains_item(candidate) for other in containers):
                    best = candidate
                    break
            if best is None:
                raise ValueError(f"release items are not nested or disjoint around {item.code!r}")
            parent[item.code] = best.code
        children = {code: [] for code in codes}
        for code, up in parent.items():
            if up is not None:
                children[up].append(code)
        for code in codes:
            # siblings must be disjoint
            kids = [by_code[c] for c in children[code]]
            for a in range(len(kids)):
                for b in range(a + 1, len(kids)):
                    if _overlap(kids[a], kids[b]):
                        raise ValueError(f"release items {kids[a].code} and {kids[b].code} overlap")
        return cls(items, parent, children)

    def cell_of_commodity(self, commodity: str) -> str:
        """Deepest release item that contains the principal commodity."""
        node = "total"
        while True:
            for child in self.children[node]:
                item = next(i for i in self.items if i.code == child)
                if item.contains_commodity(commodity):
                    node = child
                    break
            else:
                return node

    def subtree_cells(self, code: str) -> list[str]:
        """The item's own cell and the cells of all its published sub-items."""
        out, stack = [], [code]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(self.children[node])
        return out

    @property
    def cells(self) -> list[str]:
        return [item.code for item in self.items]

    def cell_targets(self, values: dict[str, int]) -> dict[str, int]:
        """Leaf-cell values: item value minus its published sub-items."""
        return {code: int(values[code]) - sum(int(values[c]) for c in self.children[code])
                for code in self.cells}


def _overlap(a: ReleaseItem, b: ReleaseItem) -> bool:
    return any(x.startswith(y) or y.startswith(x) for x in a.components for y in b.components)


def _mode_units(frame: pd.DataFrame, key: str) -> dict[str, tuple[str, str]]:
    counts = frame.groupby([key, "unit1", "unit2"]).size().reset_index(name="n")
    counts = counts.sort_values([key, "n", "unit1", "unit2"], ascending=[True, False, True, True])
    first = counts.drop_duplicates(key)
    return {k: (u1, u2) for k, u1, u2 in zip(first[key], first["unit1"], first["unit2"])}


def _unit_prices(real: pd.DataFrame) -> pd.DataFrame:
    """Real unit values (thousand yen per unit) per code and unit slot."""
    rows = []
    for slot in ("1", "2"):
        unit, quantity = real[f"unit{slot}"], real[f"q{slot}"]
        ok = (unit.str.strip() != "") & (quantity > 0) & (real["value"] > 0)
        part = pd.DataFrame({"code": real.loc[ok, "code"], "unit": unit[ok],
                             "price": real.loc[ok, "value"] / quantity[ok]})
        rows.append(part)
    out = pd.concat(rows, ignore_index=True)
    out["hs4"], out["hs2"] = out["code"].str[:4], out["code"].str[:2]
    return out


def build_codebook(flow_ref: FlowReference, hs6: list[str], scale: str, rng: np.random.Generator,
                   cells: CellStructure, target_codes: int = 420) -> tuple[pd.DataFrame, dict]:
    """The code book of one flow: code, units, unit prices, cell, relative size.

    Returns (codebook, diagnostics).
    """
    flow = flow_ref.flow
    real = flow_ref.estat.copy()
    real = real[real["code"].str.fullmatch(r"\d{9}")].reset_index(drop=True)
    real["hs6"], real["hs4"], real["hs2"] = real["code"].str[:6], real["code"].str[:4], real["code"].str[:2]
    ordinary = real[~real["code"].str.startswith("00")]
    suffixes = ordinary["code"].str[6:].value_counts().rename_axis("suffix").reset_index(name="n")
    suffixes = suffixes.sort_values(["n", "suffix"], ascending=[False, True])  # deterministic order
    suffix_pool = suffixes["suffix"].to_numpy()
    suffix_p = suffixes["n"].to_numpy() / suffixes["n"].sum()

    # 1. candidates: every HS2022 subheading with 1-3 suffixes (real ones first)
    real_by_hs6: dict[str, list[str]] = {}
    by_value = ordinary.sort_values(["value", "code"], ascending=[False, True])
    for code, heading in zip(by_value["code"], by_value["hs6"]):
        real_by_hs6.setdefault(heading, []).append(code)
    wanted = rng.choice([1, 2, 3], size=len(hs6), p=[0.52, 0.31, 0.17])
    chosen: list[tuple[str, bool]] = []
    for heading, k in zip(hs6, wanted):
        reals = real_by_hs6.get(heading, [])
        taken = reals[:k]
        chosen.extend((code, True) for code in taken)
        used = {code[6:] for code in taken}
        need = k - len(taken)
        tries = 0
        while need > 0 and tries < 50:
            tries += 1
            suffix = str(rng.choice(suffix_pool, p=suffix_p))
            if suffix in used:
                continue
            used.add(suffix)
            chosen.append((heading + suffix, False))
            need -= 1
    chosen.extend((code, True) for code in SPECIAL_CODES[flow] if code in set(real["code"]))
    book = pd.DataFrame(chosen, columns=["code", "is_real"]).drop_duplicates("code")

    # 2. rule coverage: at least one code matched by each rule (long national prefixes too)
    real_codes = real["code"].tolist()
    commodity, matched = flow_ref.map_codes(book["code"])
    covered = set(matched)
    extra = []
    for prefix in flow_ref.rules["hs_code_prefix"]:
        if prefix in covered:
            continue
        candidates = [c for c in real_codes if c.startswith(prefix)]
        if len(prefix) < 6:
            candidates += [h + "000" for h in hs6 if h.startswith(prefix)]
        candidates += [(prefix + pad)[:9] for pad in ("000000000", "999999999", "111111111", "555555555")]
        for candidate in candidates:
            if len(candidate) != 9:
                continue
            c_comm, c_match = flow_ref.map_codes(pd.Series([candidate]))
            if c_match[0] == prefix:
                extra.append((candidate, candidate in set(real_codes)))
                covered.add(prefix)
                break
    if extra:
        book = pd.concat([book, pd.DataFrame(extra, columns=["code", "is_real"])]).drop_duplicates("code")
    book = book.sort_values("code").reset_index(drop=True)
    commodity, matched = flow_ref.map_codes(book["code"])
    book["commodity_code"], book["rule_prefix"] = commodity.to_numpy(), matched.to_numpy()
    unmapped = int((book["commodity_code"] == "").sum())
    book = book[book["commodity_code"] != ""].reset_index(drop=True)
    cell_of = {c: cells.cell_of_commodity(c) for c in sorted(set(book["commodity_code"]))}
    book["cell"] = book["commodity_code"].map(cell_of)

    # 3. size, units and unit values
    real_idx = real.set_index("code")
    book["hs6"], book["hs4"], book["hs2"] = book["code"].str[:6], book["code"].str[:4], book["code"].str[:2]
    value = book["code"].map(real_idx["value"]).astype(float)
    median_hs4 = ordinary.groupby("hs4")["value"].median()
    median_hs2 = ordinary.groupby("hs2")["value"].median()
    typical = book["hs4"].map(median_hs4).fillna(book["hs2"].map(median_hs2)).fillna(float(ordinary["value"].median()))
    synthetic_size = typical * np.exp(rng.normal(-0.5, 1.3, len(book)))
    book["size"] = np.where(value.notna() & (value > 0), value, synthetic_size)
    book["size"] = np.maximum(book["size"], 1.0)

    units6, units4, units2 = (_mode_units(ordinary, key) for key in ("hs6", "hs4", "hs2"))
    unit_pairs = []
    for code, hs6_, hs4_, hs2_ in zip(book["code"], book["hs6"], book["hs4"], book["hs2"]):
        if code in real_idx.index:
            unit_pairs.append((real_idx.at[code, "unit1"], real_idx.at[code, "unit2"]))
        else:
            unit_pairs.append(units6.get(hs6_) or units4.get(hs4_) or units2.get(hs2_) or (BLANK_UNIT, "KG"))
    book["unit1"] = [u[0] for u in unit_pairs]
    book["unit2"] = [u[1] for u in unit_pairs]

    prices = _unit_prices(real)
    by_code = prices.groupby(["code", "unit"])["price"].first().to_dict()
    by_hs4 = prices.groupby(["hs4", "unit"])["price"].median().to_dict()
    by_hs2 = prices.groupby(["hs2", "unit"])["price"].median().to_dict()
    by_unit = prices.groupby("unit")["price"].median().to_dict()
    noise = np.exp(rng.normal(0.0, 0.35, (len(book), 2)))
    for slot in (1, 2):
        out = np.zeros(len(book))
        for i, (code, hs4_, hs2_, unit) in enumerate(zip(book["code"], book["hs4"], book["hs2"], book[f"unit{slot}"])):
            if unit.strip() == "":
                continue
            price = by_code.get((code, unit))
            if price is None:
                price = by_hs4.get((hs4_, unit))
                if price is None:
                    price = by_hs2.get((hs2_, unit))
                if price is None:
                    price = by_unit.get(unit, DEFAULT_UNIT_PRICE.get(unit, 5.0))
                price = price * noise[i, slot - 1]
            out[i] = max(float(price), 1e-6)
        book[f"price{slot}"] = out

    # 4. the small scale keeps a few hundred codes, covering every cell
    if scale == "small":
        book = _select_small(book, flow, rng, target_codes)
    diagnostics = {"codes": len(book), "unmapped_candidates_dropped": unmapped,
                   "rules_uncovered": sorted(set(flow_ref.rules["hs_code_prefix"]) - set(book["rule_prefix"]))
                   if scale != "small" else None}
    return book.reset_index(drop=True), diagnostics


def _select_small(book: pd.DataFrame, flow: str, rng: np.random.Generator, target: int) -> pd.DataFrame:
    keep = set(book.loc[book["code"].isin(SPECIAL_CODES[flow]), "code"])
    for _, group in book.groupby("cell", sort=True):
        ranked = group.sort_values(["size", "code"], ascending=[False, True])["code"].tolist()
        keep.update(ranked[:3])
        if len(ranked) > 3:
            keep.add(ranked[3 + int(rng.integers(0, len(ranked) - 3))])
    long_rules = book[(book["rule_prefix"].str.len() >= 7) & ~book["code"].isin(keep)]
    if len(long_rules):
        picks = long_rules.drop_duplicates("rule_prefix")
        take = min(len(picks), 40)
        keep.update(picks.iloc[np.sort(rng.choice(len(picks), size=take, replace=False))]["code"])
    rest = book[~book["code"].isin(keep)]
    need = max(0, target - len(keep))
    if need and len(rest):
        p = np.sqrt(rest["size"].to_numpy())
        p = p / p.sum()
        take = min(need, len(rest))
        keep.update(rest.iloc[rng.choice(len(rest), size=take, replace=False, p=p)]["code"])
    return book[book["code"].isin(keep)].sort_values("code")
