"""Synthetic microdata generator (japan_trade.synthetic), checked from the outside.

The files are generated once at the small scale and read back as plain CSV.
Every expected value comes from the published files in the project
(d41ma / d51ma / d61ma, data/reference/release_2026_01_tables.csv) and the
seeds — never from the generator's own internals.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from japan_trade.synthetic import generate  # noqa: E402

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HEADER = ("Exp or Imp,Year,HS,Country,Unit1,Unit2,Quantity1-Year,Quantity2-Year,Value-Year,"
          + ",".join(f"Quantity1-{m},Quantity2-{m},Value-{m}" for m in MONTHS))
FLOW_NUMBER = {"export": "1", "import": "2"}
SERIES = {"export": "d51ma.csv", "import": "d61ma.csv"}


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic_small")
    messages: list[str] = []
    manifest_path = generate("small", out, progress=messages.append, project_root=ROOT)
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    return out, manifest


@pytest.fixture(scope="module")
def long_data(generated):
    """All files as long rows: flow, vintage, month, code, country, units, value, q1, q2."""
    out, manifest = generated
    frames = []
    for entry in manifest["files"]:
        frame = pd.read_csv(out / entry["path"], dtype=str, keep_default_na=False)
        through = int(entry["through_month"][5:7])
        for number, name in enumerate(MONTHS[:through], start=1):
            part = pd.DataFrame({
                "flow": entry["flow"], "vintage": entry["vintage"],
                "month": dt.date(entry["year"], number, 1),
                "code": frame["HS"].str.strip("'"), "country": frame["Country"],
                "unit1": frame["Unit1"], "unit2": frame["Unit2"],
                "value": frame[f"Value-{name}"].astype("int64"),
                "q1": frame[f"Quantity1-{name}"].astype("int64"),
                "q2": frame[f"Quantity2-{name}"].astype("int64"),
            })
            frames.append(part[(part["value"] != 0) | (part["q1"] != 0) | (part["q2"] != 0)])
    return pd.concat(frames, ignore_index=True)


def read_item_series(flow: str) -> dict[dt.date, dict[str, int]]:
    """d51ma / d61ma: month -> {release item code ('total', '0+1', '70323' ...): thousand yen}."""
    path = ROOT / "data" / "official" / SERIES[flow]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932")
    lines = list(csv.reader(text.splitlines()))
    code_row = lines[4]
    columns = {"total": 1}
    for j in range(2, len(code_row) - 1, 2):
        code = "+".join(part.strip().strip("'") for part in code_row[j].split("+"))
        columns[code] = j + 1
    out = {}
    for cells in lines[7:]:
        if not cells or not re.fullmatch(r"\d{4}/\d{2}", cells[0].strip()):
            continue
        year, month = cells[0].strip().split("/")
        values = {code: int(cells[j].strip()) for code, j in columns.items() if cells[j].strip() not in ("", "-")}
        if values.get("total"):
            out[dt.date(int(year), int(month), 1)] = values
    return out


def read_d41ma() -> dict[dt.date, tuple[int, int]]:
    raw = (ROOT / "data" / "official" / "d41ma.csv").read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932")
    out = {}
    for cells in csv.reader(text.splitlines()):
        if cells and re.fullmatch(r"\d{4}/\d{2}", cells[0].strip()):
            year, month = cells[0].strip().split("/")
            out[dt.date(int(year), int(month), 1)] = (int(cells[1]), int(cells[2]))
    return out


def seed(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "seeds" / "reference" / f"{name}.csv", dtype=str, keep_default_na=False)


def commodity_of(flow: str):
    rules = seed("principal_commodity_hs_rules")
    rules = rules[rules["flow"].str.strip() == flow]
    table = dict(zip(rules["hs_code_prefix"].str.strip(), rules["commodity_code"].str.strip()))

    def lookup(code: str) -> str | None:
        for length in range(len(code), 0, -1):
            if code[:length] in table:
                return table[code[:length]]
        return None

    return lookup


def release_items(flow: str) -> dict[str, list[str]]:
    items = seed("release_items")
    items = items[items["flow"].str.strip() == flow]
    return {code.strip(): [c.strip() for c in components.split("|") if c.strip()] or code.split("+")
            for code, components in zip(items["release_item_code"], items["component_commodity_codes"])}


def members(area: str, month: dt.date) -> set[str]:
    rows = seed("area_memberships")
    rows = rows[rows["area_code"] == area]
    out = set()
    for country, start, end in zip(rows["country_code"], rows["valid_from"], rows["valid_to"]):
        if (not start or dt.date.fromisoformat(start) <= month) and (not end or month < dt.date.fromisoformat(end)):
            out.add(country)
    return out


def half_up(value: Fraction) -> int:
    return int((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def growth(current: int, base: int) -> str:
    if base == 0 or (current > 0) != (base > 0):
        return "-"
    tenths = Fraction(1000 * (current - base), base)
    number = Decimal(tenths.numerator) / Decimal(tenths.denominator) / 10
    return str(number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------- layout

def test_manifest_lists_every_file_with_vintages_and_checksums(generated):
    out, manifest = generated
    assert manifest["generator"] == "japan_trade.synthetic"
    assert manifest["scale"] == "small" and manifest["seed"] == 20260218 and manifest["label"] == "synthetic"
    keys = {(f["flow"], f["year"], f["vintage"]) for f in manifest["files"]}
    expected = {(flow, year, "base") for flow in ("export", "import") for year in range(2019, 2027)}
    expected |= {(flow, year, "release") for flow in ("export", "import") for year in (2025, 2026)}
    assert keys == expected
    for entry in manifest["files"]:
        path = out / entry["path"]
        assert not Path(entry["path"]).is_absolute() and path.exists()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        assert entry["kind"] == "customs_by_country" and entry["source_label"] == "synthetic"
        assert entry["vintage_date"] == {"base": "2026-09-17", "release": "2026-02-18"}[entry["vintage"]]
        last = "2026-01" if entry["year"] == 2026 else f"{entry['year']}-12"
        assert entry["through_month"] == last
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme


def test_files_have_the_exact_estat_by_country_layout(generated):
    out, manifest = generated
    for entry in manifest["files"]:
        content = (out / entry["path"]).read_bytes()
        assert b"\r" not in content and content.endswith(b"\n")
        lines = content.decode("ascii").split("\n")[:-1]
        assert lines[0] == HEADER
        through = int(entry["through_month"][5:7])
        previous = None
        for line in lines[1:]:
            cells = line.split(",")
            assert len(cells) == 45  # 6 keys + 3 year totals + 12 × 3 months
            assert cells[0] == FLOW_NUMBER[entry["flow"]] and cells[1] == str(entry["year"])
            assert re.fullmatch(r"'\d{9}'", cells[2]) and re.fullmatch(r"\d{3}", cells[3])
            assert len(cells[4]) == 2 and len(cells[5]) == 2
            numbers = [int(c) for c in cells[6:]]
            assert all(n >= 0 and str(n) == c for n, c in zip(numbers, cells[6:]))
            months = [numbers[3 + 3 * m: 6 + 3 * m] for m in range(12)]
            for k in range(3):
                assert numbers[k] == sum(month[k] for month in months)  # -Year = sum of months
            assert all(month == [0, 0, 0] for month in months[through:])  # unpublished months are 0
            assert any(n for n in numbers)
            key = (cells[2], cells[3])
            assert previous is None or key > previous  # sorted by code then country, unique
            previous = key


def test_unknown_scale_is_refused(tmp_path):
    with pytest.raises(ValueError, match="scale"):
        generate("huge", tmp_path, project_root=ROOT)


def test_generation_is_deterministic(generated, tmp_path):
    out, manifest = generated
    # a second run (restricted to two years to save time) writes byte-identical files
    manifest_path = generate("small", tmp_path, years=(2019, 2025), project_root=ROOT)
    again = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    first = {f["path"]: f["sha256"] for f in manifest["files"]}
    second = {f["path"]: f["sha256"] for f in again["files"]}
    assert set(second) == {p for p in first if "_2019_" in p or "_2025_" in p}
    for path, digest in second.items():
        assert digest == first[path]
        assert (tmp_path / path).read_bytes() == (out / path).read_bytes()


# ---------------------------------------------------------------- published margins

@pytest.mark.parametrize("flow", ["export", "import"])
def test_world_by_release_item_equals_the_official_series(long_data, flow):
    published = read_item_series(flow)
    lookup = commodity_of(flow)
    items = release_items(flow)
    base = long_data[(long_data["flow"] == flow) & (long_data["vintage"] == "base")]
    commodity = {code: lookup(code) for code in base["code"].unique()}
    assert all(commodity.values()), "every generated code maps through the rules"
    months = [dt.date(2019, 1, 1), dt.date(2020, 2, 1), dt.date(2022, 7, 1), dt.date(2024, 12, 1),
              dt.date(2025, 6, 1), dt.date(2026, 1, 1)]
    for month in months:
        rows = base[base["month"] == month]
        by_code = rows.groupby("code")["value"].sum()
        for item, components in items.items():
            if item not in published[month]:
                continue
            if item == "total":
                got = int(by_code.sum())
            else:
                inside = [c for c in by_code.index if any(commodity[c].startswith(p) for p in components)]
                got = int(by_code[inside].sum())
            assert got == published[month][item], (flow, month, item)


def test_world_totals_equal_d41ma_every_month(long_data):
    d41 = read_d41ma()
    base = long_data[long_data["vintage"] == "base"]
    totals = base.groupby(["flow", "month"])["value"].sum()
    months = sorted(base["month"].unique())
    assert months[0] == dt.date(2019, 1, 1) and months[-1] == dt.date(2026, 1, 1) and len(months) == 85
    for month in months:
        assert totals[("export", month)] == d41[month][0]
        assert totals[("import", month)] == d41[month][1]


@pytest.mark.parametrize("area", ["world", "304", "eu", "asia", "105"])
def test_release_tables_are_reproduced(long_data, area):
    tables = pd.read_csv(ROOT / "data" / "reference" / "release_2026_01_tables.csv", dtype=str,
                         keep_default_na=False)
    tables = tables[tables["area_code"] == area]
    assert len(tables) == 13

    def total(vintage: str, month: dt.date) -> tuple[int, int]:
        rows = long_data[(long_data["vintage"] == vintage) & (long_data["month"] == month)]
        if area in ("304", "105"):
            rows = rows[rows["country"] == area]
        elif area != "world":
            rows = rows[rows["country"].isin(members(area, month))]
        sums = rows.groupby("flow")["value"].sum()
        return int(sums.get("export", 0)), int(sums.get("import", 0))

    d41 = read_d41ma()
    months = [dt.date.fromisoformat(text[:10]) for text in tables["period_month"]]
    release = {month: total("release", month) for month in months}
    for _, row in tables.iterrows():
        month = dt.date.fromisoformat(row["period_month"][:10])
        exports, imports = release[month]
        if month.year == 2026:
            prior = release[dt.date(2025, 1, 1)]
        elif area == "world":
            prior = d41[dt.date(2024, month.month, 1)]
        else:
            prior = total("base", dt.date(2024, month.month, 1))
        assert half_up(Fraction(exports, 1000)) == int(row["exports_million_yen"]), (area, month)
        assert half_up(Fraction(imports, 1000)) == int(row["imports_million_yen"]), (area, month)
        assert half_up(Fraction(exports - imports, 1000)) == int(row["balance_million_yen"]), (area, month)
        for measure, now, then in (("exports", exports, prior[0]), ("imports", imports, prior[1]),
                                   ("balance", exports - imports, prior[0] - prior[1])):
            printed = row[f"{measure}_yoy_pct"].strip() or "-"
            if printed != "-":
                printed = str(Decimal(printed).quantize(Decimal("0.1")))
            assert growth(now, then) == printed, (area, month, measure)


@pytest.mark.parametrize("flow", ["export", "import"])
def test_every_release_item_with_a_value_has_codes(long_data, flow):
    published = read_item_series(flow)
    lookup = commodity_of(flow)
    items = release_items(flow)
    base = long_data[(long_data["flow"] == flow) & (long_data["vintage"] == "base")]
    for month in (dt.date(2019, 1, 1), dt.date(2026, 1, 1)):
        codes = base.loc[(base["month"] == month) & (base["value"] > 0), "code"].unique()
        commodities = [lookup(code) for code in codes]
        for item, components in items.items():
            if item == "total" or not published[month].get(item):
                continue
            assert any(any(c.startswith(p) for p in components) for c in commodities), (flow, month, item)


# ---------------------------------------------------------------- realism the loader must meet

def test_special_00_codes_are_present(long_data):
    exports = long_data[(long_data["flow"] == "export") & (long_data["vintage"] == "base")]
    imports = long_data[(long_data["flow"] == "import") & (long_data["vintage"] == "base")]
    assert exports.loc[exports["code"] == "000000190", "value"].sum() > 0.05 * exports["value"].sum()
    for code in ("000000011", "000000019", "000000091", "000000099"):
        assert imports.loc[imports["code"] == code, "value"].sum() > 0, code


def test_zero_quantity_rows_and_units(long_data):
    values = long_data[long_data["value"] > 0]
    blank1, blank2 = values["unit1"] == "  ", values["unit2"] == "  "
    # quantity 0 with a positive value under a real unit
    assert ((~blank2) & (values["q2"] == 0)).sum() > 0
    # a blank unit (two spaces) always has quantity 0
    assert (long_data["unit1"] == "  ").any() and (long_data["unit2"] != "  ").any()
    assert (long_data.loc[long_data["unit1"] == "  ", "q1"] == 0).all()
    assert (long_data.loc[long_data["unit2"] == "  ", "q2"] == 0).all()
    # some codes carry two units (e.g. NO,KG); most quantities are positive
    assert ((~blank1) & (~blank2)).sum() > 0
    assert (values.loc[~blank2, "q2"] > 0).mean() > 0.8


def test_export_and_import_code_books_differ_and_countries_are_realistic(long_data):
    base = long_data[long_data["vintage"] == "base"]
    exports = set(base.loc[base["flow"] == "export", "code"])
    imports = set(base.loc[base["flow"] == "import", "code"])
    assert 250 <= len(exports) <= 600 and 250 <= len(imports) <= 600
    assert exports != imports
    countries = set(base["country"])
    assert 55 <= len(countries) <= 90
    assert {"105", "304"} | members("asia", dt.date(2025, 1, 1)) | members("eu", dt.date(2025, 1, 1)) <= countries
    # a little import trade on the special 7xx codes, none on exports
    special = base[base["country"].str.startswith("7")]
    assert special["flow"].eq("import").all() and special["value"].sum() > 0
    # China and the US are among the largest partners of each flow
    for flow in ("export", "import"):
        top = base[base["flow"] == flow].groupby("country")["value"].sum().nlargest(5).index
        assert {"105", "304"} <= set(top)


# ---------------------------------------------------------------- release statements (streaks, listed items)

RELEASE_MONTH = dt.date(2026, 1, 1)
LAST_BASE_MONTH = dt.date(2024, 12, 1)   # as of the release: base (final) through 2024, release from 2025-01


@pytest.fixture(scope="module")
def country_totals(long_data):
    """Thousand yen per (vintage, flow, month, country)."""
    return long_data.groupby(["vintage", "flow", "month", "country"])["value"].sum()


def area_series(country_totals, area: str, vintage: str) -> dict[dt.date, tuple[int, int]]:
    """month -> (exports, imports) of an area; vintage 'as_of_release' joins base
    (through 2024) and release (2025-01 on), the data the release was built from."""
    out = {}
    for (vint, flow, month), values in country_totals.groupby(level=[0, 1, 2]):
        if vintage == "as_of_release":
            if (vint == "release") != (month > LAST_BASE_MONTH):
                continue
        elif vint != vintage:
            continue
        by_country = values.droplevel([0, 1, 2])
        if area in ("304", "105"):
            value = int(by_country.get(area, 0))
        elif area == "world":
            value = int(by_country.sum())
        else:
            value = int(by_country[by_country.index.isin(members(area, month))].sum())
        pair = out.setdefault(month, [0, 0])
        pair[0 if flow == "export" else 1] = value
    return {month: tuple(pair) for month, pair in sorted(out.items())}


def yoy_sign(series: dict[dt.date, int], month: dt.date) -> int | None:
    """Sign of the YoY growth (ratio of the signed values); None when printed '-'."""
    current, base = series[month], series.get(dt.date(month.year - 1, month.month, 1))
    if base is None or base == 0 or (current != 0 and (current > 0) != (base > 0)):
        return None
    change = Fraction(current - base, base)
    return (change > 0) - (change < 0)


def direction_phrase(series: dict[dt.date, int], month: dt.date) -> str:
    """「Nヵ月連続の増加/減少」 or 「Nヵ月ぶりの増加/減少」 (domain notes §5)."""
    months = [m for m in sorted(series) if m <= month and dt.date(m.year - 1, m.month, 1) in series]
    signs = [yoy_sign(series, m) for m in months]
    word = {1: "増加", -1: "減少"}[signs[-1]]
    if signs[-2] == signs[-1]:
        n = 1
        while signs[-1 - n] == signs[-1]:
            n += 1
            assert n < len(signs), "the streak reaches the first month with a YoY growth"
        return f"{n}ヵ月連続の{word}"
    n = 1
    while signs[-1 - n] != signs[-1]:
        n += 1
        assert n < len(signs), "no earlier month with that sign"
    return f"{n}ヵ月ぶりの{word}"


def balance_phrase(balances: dict[dt.date, int], month: dt.date) -> str:
    months = [m for m in sorted(balances) if m <= month]
    if balances[months[-1]] < 0:
        n = 1
        if balances[months[-2]] < 0:
            while balances[months[-1 - n]] < 0:
                n += 1
                assert n < len(months), "the deficit run reaches the first month"
            return f"{n}ヵ月連続の赤字"
        while balances[months[-1 - n]] >= 0:
            n += 1
        return f"{n}ヵ月ぶりの赤字"
    if balances[months[-2]] > 0:
        return direction_phrase(balances, month)
    n = 1
    while balances[months[-1 - n]] <= 0:
        n += 1
    return f"{n}ヵ月ぶりの黒字"


RELEASE_STREAKS = {  # the January 2026 release (exports, imports, balance)
    "world": ("5ヵ月連続の増加", "5ヵ月ぶりの減少", "3ヵ月ぶりの赤字"),
    "304": ("2ヵ月連続の減少", "6ヵ月連続の増加", "2ヵ月連続の減少"),
    "eu": ("6ヵ月連続の増加", "3ヵ月ぶりの減少", "24ヵ月連続の赤字"),
    "asia": ("6ヵ月連続の増加", "5ヵ月ぶりの減少", "12ヵ月ぶりの赤字"),
    "105": ("2ヵ月連続の増加", "6ヵ月連続の増加", "58ヵ月連続の赤字"),
}


@pytest.mark.parametrize("area", sorted(RELEASE_STREAKS))
def test_release_streaks_come_out_of_the_data(country_totals, area):
    series = area_series(country_totals, area, "as_of_release")
    assert min(series) == dt.date(2019, 1, 1) and max(series) == RELEASE_MONTH
    exports = {m: v[0] for m, v in series.items()}
    imports = {m: v[1] for m, v in series.items()}
    balances = {m: v[0] - v[1] for m, v in series.items()}
    got = (direction_phrase(exports, RELEASE_MONTH), direction_phrase(imports, RELEASE_MONTH),
           balance_phrase(balances, RELEASE_MONTH))
    assert got == RELEASE_STREAKS[area]


def test_china_balance_is_in_deficit_since_april_2021(country_totals):
    # 「58ヵ月連続の赤字」: a surplus in 2021-03, deficits 2021-04..2026-01, in each vintage
    last_surplus = dt.date(2021, 3, 1)
    for vintage in ("base", "release", "as_of_release"):
        series = area_series(country_totals, "105", vintage)
        balances = {m: e - i for m, (e, i) in series.items()}
        assert max(balances) == RELEASE_MONTH, vintage
        if vintage == "release":
            assert min(balances) == dt.date(2025, 1, 1)
        else:
            assert min(balances) == dt.date(2019, 1, 1)
            assert balances[last_surplus] > 0, vintage
        deficits = [m for m in balances if m > last_surplus]
        assert all(balances[m] < 0 for m in deficits), (vintage, [m for m in deficits if balances[m] >= 0])
        if vintage != "release":
            assert len(deficits) == 58
    # plausible levels in the years before the published 2025 tables (thousand yen)
    base = area_series(country_totals, "105", "base")
    for month, (exports, imports) in base.items():
        if dt.date(2021, 1, 1) <= month <= LAST_BASE_MONTH:
            assert 1.0e9 <= exports <= 2.0e9 and 1.2e9 <= imports <= 2.8e9, (month, exports, imports)


def item_values(long_data, flow: str, vintage: str, month: dt.date) -> dict[str, int]:
    """World value of every release item (thousand yen) in one file month."""
    lookup = commodity_of(flow)
    rows = long_data[(long_data["flow"] == flow) & (long_data["vintage"] == vintage) & (long_data["month"] == month)]
    by_code = rows.groupby("code")["value"].sum()
    commodity = {code: lookup(code) for code in by_code.index}
    out = {}
    for item, components in release_items(flow).items():
        inside = [c for c in by_code.index if item == "total" or any(commodity[c].startswith(p) for p in components)]
        out[item] = int(by_code[inside].sum())
    return out


@pytest.mark.parametrize("flow", ["export", "import"])
def test_release_vintage_keeps_the_series_items_and_only_section_9_absorbs(long_data, flow):
    published = read_item_series(flow)
    tables = pd.read_csv(ROOT / "data" / "reference" / "release_2026_01_tables.csv", dtype=str,
                         keep_default_na=False)
    world = tables[tables["area_code"] == "world"]
    holding_9 = {item for item, components in release_items(flow).items()
                 if item == "total" or any("9".startswith(p) for p in components)}
    assert holding_9 == {"total", "8+9", "9"}
    # in 2026-01 the listed world items carry the release's printed growth instead (next test), so they,
    # their sub-items and the items containing them differ from the series too
    components = release_items(flow)
    listed = LISTED_WORLD_ITEMS[flow]
    overlapping = {item for item, parts in components.items()
                   if any(x.startswith(y) or y.startswith(x) for other in listed for x in parts for y in components[other])}
    for period in world["period_month"]:
        month = dt.date.fromisoformat(period[:10])
        got = item_values(long_data, flow, "release", month)
        residual = got["total"] - published[month]["total"]
        for item, value in published[month].items():
            if month == RELEASE_MONTH and (item in overlapping or item in holding_9):
                continue
            if item in holding_9:
                assert got[item] == value + residual, (flow, month, item)
            else:
                assert got[item] == value, (flow, month, item)
        assert got["9"] >= 0
    got = item_values(long_data, flow, "release", RELEASE_MONTH)
    kept = [item for item in published[RELEASE_MONTH] if item not in overlapping and item not in holding_9]
    assert len(kept) > 20 and all(got[item] == published[RELEASE_MONTH][item] for item in kept)


LISTED_WORLD_ITEMS = {  # the release, 2026-01 world: item -> (growth %, contribution)
    "export": {"70323": (39.2, 2.2), "613": (36.0, 0.9), "515": (17.8, 0.5)},
    "import": {"70311": (42.7, 1.3), "615": (31.6, 0.7), "3050103": (-18.1, -1.1),
               "30301": (-8.1, -0.7), "30303": (-25.2, -0.7)},
}


@pytest.mark.parametrize("flow", ["export", "import"])
def test_listed_world_items_come_out_of_the_release_vintage(long_data, flow):
    before = item_values(long_data, flow, "release", dt.date(2025, 1, 1))
    after = item_values(long_data, flow, "release", RELEASE_MONTH)
    listed = LISTED_WORLD_ITEMS[flow]
    for item, (growth_pct, contribution) in listed.items():
        contrib = Fraction(100 * (after[item] - before[item]), before["total"])
        assert half_up(contrib * 10) == round(contribution * 10), (item, float(contrib))
        # 2026-01 item values of the release vintage are set from the printed growth (the later
        # d51ma/d61ma vintage would miss it by up to 0.9 points), so the growth prints as published
        assert half_up(Fraction(1000 * (after[item] - before[item]), before[item])) == round(growth_pct * 10), item
    # the listing rule: top 3 by contribution in the direction of the total change, plus
    # opposite-direction items at least as large as the third
    items = seed("release_items")
    items = items[items["flow"].str.strip() == flow]
    parents = set(items["parent_release_item_code"].str.strip())
    candidates = [code for code, level, sub in zip(items["release_item_code"], items["item_level"],
                                                    items["is_subitem_in_parentheses"])
                  if (level == "2" and sub != "true") or (level == "1" and code not in parents)]
    contrib = {c: Fraction(after[c] - before[c], before["total"]) for c in candidates}
    direction = 1 if after["total"] > before["total"] else -1
    main = sorted((c for c in candidates if contrib[c] * direction > 0), key=lambda c: -abs(contrib[c]))[:3]
    third = abs(contrib[main[-1]])
    opposite = [c for c in candidates if contrib[c] * direction < 0 and abs(contrib[c]) >= third]
    assert set(main) | set(opposite) == set(listed)
