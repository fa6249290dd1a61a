"""The monthly release (貿易統計速報の概要) rendered from the marts, in Japanese or English, as
Markdown or a self-contained HTML page with inline SVG charts.

    japan-trade release --month 2026-01 --lang ja --format md
    japan-trade release --month 2026-01 --lang en --format html --out release.html

After the summary come what the release XML has and the summary lacks: the 47-row area/country table
(page 2), the published trade indices beside ours, and the commodity tables of the world and the 8 areas
(pages 3–20, collapsible in HTML). A month with only first-10 / 20-days figures renders as an early page
(上旬速報 / 上中旬速報) with this project's estimate of the full month.

Every figure is read from a mart; nothing is recomputed here except layout. The rounding of
printed figures lives in the marts (`*_hundred_million_yen`, `*_display` columns) so the
page and a BI tool show the same numbers. Sections whose mart is absent (indices, seasonal
adjustment) or whose data is not loaded (areas without by-country microdata, exchange rates)
say so plainly instead of disappearing.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

from . import charts
from .warehouse import connect_for_reading

RELEASE_AREAS = ("world", "304", "eu", "asia", "105")
#: the short names the release uses (dim_areas has the full country names: アメリカ合衆国 …)
RELEASE_AREA_NAMES = {"ja": {"world": "世界", "304": "米国", "eu": "EU", "asia": "アジア", "105": "中国"},
                      "en": {"world": "World", "304": "USA", "eu": "EU", "asia": "Asia", "105": "China"}}
AREA_BLOCKS = ("304", "eu", "asia", "105")
FLOWS = ("export", "import")
MEASURE_OF_FLOW = {"export": "exports", "import": "imports"}


class ReleaseError(RuntimeError):
    """The month cannot be rendered (no marts, or no world figures for it)."""


class MonthNotPublished(ReleaseError):
    """No world exports and imports for the month (it may still have first-10 / 20-days figures)."""


# ---------------------------------------------------------------------------
# number and date wording


ERAS = ((dt.date(2019, 5, 1), "令和", 2018), (dt.date(1989, 1, 8), "平成", 1988), (dt.date(1926, 12, 25), "昭和", 1925))
MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")


def month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def era_year(month: dt.date) -> str:
    """Japanese era year of a month, by the era in force at the month's end (1989-01 → 平成元年)."""
    end = month_end(month)
    for start, name, offset in ERAS:
        if end >= start:
            number = end.year - offset
            return f"{name}{'元' if number == 1 else number}年"
    raise ReleaseError(f"{month:%Y-%m} is before the Shōwa era")


def month_label(month: dt.date, lang: str, with_year: bool = True) -> str:
    if lang == "ja":
        return f"{era_year(month)}{month.month}月" if with_year else f"{month.month}月"
    return f"{MONTH_NAMES_EN[month.month - 1]} {month.year}" if with_year else MONTH_NAMES_EN[month.month - 1]


def table_month_label(month: dt.date, first: bool, lang: str) -> str:
    """Row label of a 13-month table: 令和7(2025)年1月 on the first row and every January, else the month."""
    if first or month.month == 1:
        if lang == "ja":
            era = era_year(month)[:-1]
            return f"{era}({month.year})年{month.month}月"
        return f"{MONTH_NAMES_EN[month.month - 1][:3]} {month.year}"
    return str(month.month) if lang == "ja" else MONTH_NAMES_EN[month.month - 1][:3]


def oku_text(hundred_million_yen: int | None, lang: str) -> str:
    """億円 as the release prints it (9兆1,875億円, ▲1兆1,526億円); English in billion yen."""
    if hundred_million_yen is None:
        return "－" if lang == "ja" else "n/a"
    if lang == "en":
        billions = Decimal(hundred_million_yen) / 10
        return f"{'-' if billions < 0 else ''}¥{abs(billions):,.1f} billion"
    sign = "▲" if hundred_million_yen < 0 else ""
    cho, oku = divmod(abs(hundred_million_yen), 10000)
    if cho and oku:
        return f"{sign}{cho}兆{oku:,}億円"
    if cho:
        return f"{sign}{cho}兆円"
    return f"{sign}{oku:,}億円"


def amount_text(totals: "Totals", measure: str, lang: str, absolute: bool = False) -> str:
    """The 億円 figure of a measure; when the marts leave it undetermined (a figure known to the million yen
    only, from the release XML, ending in exactly 50 — it could print either way), the million-yen figure."""
    hundred_million = totals.hundred_million_yen[measure]
    million = totals.million_yen[measure]
    if hundred_million is not None or million is None:
        return oku_text(abs(hundred_million) if absolute and hundred_million is not None else hundred_million, lang)
    million = abs(million) if absolute else million
    if lang == "ja":
        return f"{'▲' if million < 0 else ''}{abs(million):,}百万円"
    return f"{'-' if million < 0 else ''}¥{abs(million):,} million"


def signed_text(value: Decimal | None, lang: str, unit: str = "") -> str:
    """A printed growth or contribution: ＋16.8％ / ▲2.5％ (ja), +16.8% / -2.5% (en); '－' when undefined."""
    if value is None:
        return "－" if lang == "ja" else "—"
    if lang == "ja":
        unit = {"%": "％"}.get(unit, unit)
        sign = "＋" if value > 0 else "▲" if value < 0 else ""
    else:
        sign = "+" if value > 0 else "-" if value < 0 else ""
    return f"{sign}{abs(value):.1f}{unit}"


def table_number(value: int | Decimal | None, lang: str) -> str:
    """A figure of the 13-month tables: 7,865,185 / ▲2,741,728 / 7.3 / ▲0.9 / '-'."""
    if value is None:
        return "-"
    negative = value < 0
    text = f"{abs(value):,}" if isinstance(value, int) else f"{abs(value):.1f}"  # growth: 1177.9 as printed
    return (("▲" if lang == "ja" else "-") if negative else "") + text


# ---------------------------------------------------------------------------
# the figures of one release, read from the marts


@dataclass
class Totals:
    month: dt.date
    hundred_million_yen: dict[str, int | None]          # exports / imports / balance
    million_yen: dict[str, int | None]
    growth_pct: dict[str, Decimal | None]               # as printed (half-up, None = '-')
    preliminary: dict[str, bool]
    stage: dict[str, str | None]
    growth_marker: dict[str, str | None] = field(default_factory=dict)  # what the XML prints instead (*659 …)
    phrase: dict[str, str | None] = field(default_factory=dict)   # streak wording in the page's language


@dataclass
class ListedItem:
    flow: str
    code: str
    name: str
    direction: str                  # increase / decrease
    growth_pct: Decimal | None
    contribution_pct_points: Decimal | None
    main_direction_rank: int | None


@dataclass
class Ranking:
    measure: str
    rank_all: int
    months_ranked: int
    rank_same_month: int
    same_months_ranked: int
    ranked_from: dt.date


@dataclass
class AreaRelease:
    code: str
    name: str
    totals: Totals | None
    listed: list[ListedItem]
    rankings: dict[str, Ranking]
    trend: list[Totals]                                   # the 13 months ending with the release month
    contributions: dict[str, list[ListedItem]]            # flow → candidate items by |contribution|


@dataclass
class QuantityIndexLine:
    flow: str
    value: Decimal | None
    growth_pct: Decimal | None
    phrase: str | None


@dataclass
class SeasonallyAdjusted:
    hundred_million_yen: dict[str, int | None]
    mom_pct: dict[str, Decimal | None]
    model: str | None


@dataclass
class ExchangeRate:
    yen_per_dollar: Decimal
    previous_year: Decimal | None
    yen_value_change_pct: Decimal | None    # as printed, unsigned; the direction says which way
    direction: str | None          # yen_appreciation / yen_depreciation / unchanged


@dataclass
class Release:
    month: dt.date
    lang: str
    vintage: dict | None
    areas: dict[str, AreaRelease]
    quantity_index: dict[str, QuantityIndexLine] | None    # None: no index mart
    seasonally_adjusted: SeasonallyAdjusted | None | bool   # False: no mart; None: mart without the month
    exchange_rate: ExchangeRate | None | bool                # False: no rates loaded
    has_synthetic: bool
    area_table: list[AreaTableRow] | None = None            # None: no release_area_table_rows seed
    commodity_pages: list[CommodityPage] | None = None      # None: no release_xml_pages / item-name seeds
    published_indices: list[PublishedIndex] | None | bool = False   # False: no fct_trade_indices_published


@dataclass
class AreaTableRow:
    """A row of the release's area/country table (page 2): printed order, level and name from the seed."""
    position: int
    code: str
    level: int                     # 0 world, 1 area or re-listed group, 2 country
    name: str
    totals: Totals | None          # None: no figure for the month


@dataclass
class CommodityRow:
    level: int                     # 0 total, 1 group, 2 item (as the release prints it)
    name: str
    value_million_yen: int | None
    quantity: Decimal | None
    quantity_unit: str | None
    share_pct: Decimal | None
    growth_pct: Decimal | None
    contribution_pct_points: Decimal | None
    present: bool                  # the mart has the item for the month


@dataclass
class CommodityPage:
    page_number: int
    flow: str
    area_code: str
    area_name: str
    rows: list[CommodityRow]


@dataclass
class PublishedIndex:
    flow: str
    area_code: str
    is_provisional: bool
    published: dict[str, Decimal | None]      # value / quantity / price
    ours: dict[str, float | None]
    difference: dict[str, float | None]


class _Marts:
    def __init__(self, connection: duckdb.DuckDBPyConnection):
        self.connection = connection
        self.tables = {row[0]: row[1] for row in connection.execute(
            "select table_name, table_schema from information_schema.tables").fetchall()}

    def has(self, table: str) -> bool:
        return table in self.tables

    def name(self, table: str) -> str:
        return f'"{self.tables[table]}"."{table}"'

    def rows(self, sql: str, parameters: list | None = None) -> list[dict]:
        cursor = self.connection.execute(sql, parameters or [])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _months_back(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def _totals_from(row: dict) -> Totals:
    return Totals(
        month=row["period_month"],
        hundred_million_yen={m: row[f"{m}_hundred_million_yen"] for m in ("exports", "imports", "balance")},
        million_yen={m: row[f"{m}_million_yen"] for m in ("exports", "imports", "balance")},
        growth_pct={m: row[f"{m}_yoy_pct_display"] for m in ("exports", "imports", "balance")},
        growth_marker={m: row.get(f"{m}_yoy_marker") for m in ("exports", "imports", "balance")},
        preliminary={"exports": bool(row["is_exports_preliminary"]), "imports": bool(row["is_imports_preliminary"]),
                     "balance": bool(row["is_balance_preliminary"])},
        stage={"exports": row["exports_revision_stage"], "imports": row["imports_revision_stage"]},
    )


def read_release(connection: duckdb.DuckDBPyConnection, month: dt.date, lang: str = "ja") -> Release:
    """Every figure of the month's release from the marts (ReleaseError when the month is not there)."""
    if lang not in ("ja", "en"):
        raise ReleaseError(f"language must be 'ja' or 'en', not {lang!r}")
    marts = _Marts(connection)
    for required in ("fct_trade_balance_monthly", "fct_trade_streaks", "fct_trade_rankings",
                     "fct_trade_release_items", "dim_areas", "release_items"):
        if not marts.has(required):
            raise ReleaseError(f"the warehouse has no {required}: run `japan-trade build` first")
    phrase_column = "phrase_ja" if lang == "ja" else "phrase_en"
    name_column = "name_ja" if lang == "ja" else "name_en"

    balance_rows = marts.rows(f"""
        select * from {marts.name('fct_trade_balance_monthly')}
        where area_code in {RELEASE_AREAS} and period_month between ? and ?
          and exports_thousand_yen is not null and imports_thousand_yen is not null
        order by area_code, period_month""", [_months_back(month, 12), month])
    by_area: dict[str, list[Totals]] = {}
    for row in balance_rows:
        by_area.setdefault(row["area_code"], []).append(_totals_from(row))
    if not any(t.month == month for t in by_area.get("world", [])):
        latest = connection.execute(f"""select max(period_month) from {marts.name('fct_trade_balance_monthly')}
            where area_code = 'world' and exports_thousand_yen is not null and imports_thousand_yen is not null
        """).fetchone()[0]
        raise MonthNotPublished(f"no world exports and imports for {month:%Y-%m} in the warehouse (latest month: "
                           f"{latest:%Y-%m}); load the official series or microdata for it and run `japan-trade build`"
                           if latest else "the marts are empty: load data and run `japan-trade build`")

    phrases = {(r["area_code"], r["measure"]): r[phrase_column] for r in marts.rows(f"""
        select area_code, measure, {phrase_column} from {marts.name('fct_trade_streaks')}
        where period_month = ?""", [month])}
    rankings = {}
    for r in marts.rows(f"select * from {marts.name('fct_trade_rankings')} where period_month = ?", [month]):
        rankings.setdefault(r["area_code"], {})[r["measure"]] = Ranking(
            r["measure"], r["rank_all_months"], r["months_ranked"], r["rank_same_calendar_month"],
            r["same_calendar_months_ranked"], r["ranked_from_month"])
    area_names = {r["area_code"]: r[name_column] for r in marts.rows(
        f"select area_code, {name_column} from {marts.name('dim_areas')}")}
    items = marts.rows(f"""
        select r.*, i.{name_column} as item_name
        from {marts.name('fct_trade_release_items')} as r
        inner join {marts.name('release_items')} as i using (flow, release_item_code)
        where r.period_month = ? and r.area_code in {RELEASE_AREAS}
          and (r.is_listed or r.is_candidate)""", [month])

    areas = {}
    for code in RELEASE_AREAS:
        trend = by_area.get(code, [])
        totals = next((t for t in trend if t.month == month), None)
        if totals:
            totals.phrase = {m: phrases.get((code, m)) for m in ("exports", "imports", "balance")}
        area_items = [r for r in items if r["area_code"] == code]

        def item(r: dict) -> ListedItem:
            return ListedItem(r["flow"], r["release_item_code"], r["item_name"], r["direction"],
                              r["value_yoy_pct_display"], r["contribution_pct_points_display"],
                              r["main_direction_rank"])

        listed = [item(r) for r in sorted((r for r in area_items if r["is_listed"]),
                                          key=lambda r: (FLOWS.index(r["flow"]), r["direction"] != "increase",
                                                         -abs(r["contribution_pct_points"] or 0), r["release_item_code"]))]
        contributions = {flow: [item(r) for r in sorted(
            (r for r in area_items if r["flow"] == flow and r["is_candidate"] and r["contribution_pct_points"] is not None),
            key=lambda r: -abs(r["contribution_pct_points"]))[:8]] for flow in FLOWS}
        areas[code] = AreaRelease(code, RELEASE_AREA_NAMES[lang].get(code) or area_names.get(code, code), totals, listed, rankings.get(code, {}),
                                  trend, contributions)

    vintage = marts.rows(f"select * from {marts.name('dim_build_vintage')}")[0] if marts.has("dim_build_vintage") else None
    return Release(
        month=month, lang=lang, vintage=vintage, areas=areas,
        quantity_index=_read_quantity_index(marts, month, phrases),
        seasonally_adjusted=_read_seasonally_adjusted(marts, month),
        exchange_rate=_read_exchange_rate(marts, month),
        has_synthetic=any(r["is_synthetic"] for r in balance_rows if r["period_month"] == month),
        area_table=_read_area_table(marts, month, name_column),
        commodity_pages=_read_commodity_pages(marts, month, lang),
        published_indices=_read_published_indices(marts, month),
    )


def _read_area_table(marts: _Marts, month: dt.date, name_column: str) -> list[AreaTableRow] | None:
    """The 47 rows of page 2 in the seed's order, each with its fct_trade_balance_monthly figures."""
    if not marts.has("release_area_table_rows"):
        return None
    rows = marts.rows(f"""
        select t.row_position, t.area_code as row_area_code, t.printed_level, t.{name_column} as printed_name, b.*
        from {marts.name('release_area_table_rows')} as t
        left join {marts.name('fct_trade_balance_monthly')} as b
            on b.area_code = t.area_code and b.period_month = ?
            and b.exports_thousand_yen is not null and b.imports_thousand_yen is not null
        order by t.row_position""", [month])
    return [AreaTableRow(r["row_position"], r["row_area_code"], r["printed_level"], r["printed_name"],
                         _totals_from(r) if r["period_month"] is not None else None) for r in rows]


def _read_commodity_pages(marts: _Marts, month: dt.date, lang: str) -> list[CommodityPage] | None:
    """The commodity tables of pages 3–20 (world and the 8 areas × flow): pages and rows from the seeds
    release_xml_pages / release_xml_item_names, names from release_items, figures from fct_trade_release_items."""
    if not (marts.has("release_xml_pages") and marts.has("release_xml_item_names")):
        return None
    rows = marts.rows(f"""
        select p.page_number, p.flow, p.area_code, p.printed_area_{lang} as area_name,
               n.row_position, n.printed_level, i.name_{lang} as item_name,
               r.value_million_yen, r.quantity, r.quantity_unit, r.share_pct_display,
               r.value_yoy_pct_display, r.contribution_pct_points_display,
               r.release_item_code is not null as present
        from {marts.name('release_xml_pages')} as p
        inner join {marts.name('release_xml_item_names')} as n on p.flow = n.flow
        left join {marts.name('release_items')} as i
            on n.flow = i.flow and n.release_item_code = i.release_item_code
        left join {marts.name('fct_trade_release_items')} as r
            on p.flow = r.flow and p.area_code = r.area_code and n.release_item_code = r.release_item_code
            and r.period_month = ?
        where p.page_kind = 'shuyochiikikunihin'
        order by p.page_number, n.row_position""", [month])
    pages: dict[int, CommodityPage] = {}
    for r in rows:
        page = pages.setdefault(r["page_number"], CommodityPage(r["page_number"], r["flow"], r["area_code"],
                                                                  r["area_name"], []))
        page.rows.append(CommodityRow(r["printed_level"], r["item_name"], r["value_million_yen"], r["quantity"],
                                      r["quantity_unit"], r["share_pct_display"], r["value_yoy_pct_display"],
                                      r["contribution_pct_points_display"], bool(r["present"])))
    return list(pages.values())


INDEX_KINDS = ("value", "quantity", "price")


def _read_published_indices(marts: _Marts, month: dt.date) -> list[PublishedIndex] | bool:
    if not marts.has("fct_trade_indices_published"):
        return False
    rows = marts.rows(f"""select * from {marts.name('fct_trade_indices_published')} where period_month = ?""",
                      [month])
    rows.sort(key=lambda r: (RELEASE_AREAS.index(r["area_code"]) if r["area_code"] in RELEASE_AREAS else 99,
                             FLOWS.index(r["flow"])))
    return [PublishedIndex(r["flow"], r["area_code"], bool(r["is_provisional"]),
                           {k: r[f"published_{k}_index"] for k in INDEX_KINDS},
                           {k: r[f"our_{k}_index"] for k in INDEX_KINDS},
                           {k: r[f"{k}_index_difference"] for k in INDEX_KINDS}) for r in rows]


# ---------------------------------------------------------------------------
# the early page: a month with only first-10 / first-20-days figures (fct_trade_partial_month)

PARTS = ("first_10_days", "first_20_days")


@dataclass
class PartialFigure:
    flow: str
    part: str
    published_date: dt.date | None
    value_thousand_yen: int
    prior_year_value_thousand_yen: int | None
    growth_pct: Decimal | None                  # as printed by the partial-month release
    estimate_thousand_yen: int | None           # this project's estimate of the full month


@dataclass
class EarlyRelease:
    month: dt.date
    lang: str
    vintage: dict | None
    figures: dict[str, dict[str, PartialFigure]]          # part → flow → figure (both flows present)
    backtest: dict[tuple[str, str], tuple[int, Decimal]]  # (part, flow) → (months, mean absolute error %)

    @property
    def latest_part(self) -> str:
        return max(self.figures, key=PARTS.index)


def read_early_release(connection: duckdb.DuckDBPyConnection, month: dt.date, lang: str = "ja") -> EarlyRelease | None:
    """The first-10 / 20-days figures of a month and the estimate of the full month; None without them."""
    marts = _Marts(connection)
    if not marts.has("fct_trade_partial_month"):
        return None
    figures: dict[str, dict[str, PartialFigure]] = {}
    for r in marts.rows(f"""select * from {marts.name('fct_trade_partial_month')} where period_month = ?""", [month]):
        figures.setdefault(r["partial_period"], {})[r["flow"]] = PartialFigure(
            r["flow"], r["partial_period"], r["published_date"], r["value_thousand_yen"],
            r["prior_year_value_thousand_yen"], r["value_yoy_pct"], r["estimated_full_month_value_thousand_yen"])
    figures = {part: by_flow for part, by_flow in figures.items() if set(by_flow) == set(FLOWS)}
    if not figures:
        return None
    backtest = {(r["partial_period"], r["flow"]): (r["months"], r["mean_absolute_error_pct"]) for r in marts.rows(f"""
        select partial_period, flow, count(estimate_error_pct) as months,
               cast(round(avg(abs(estimate_error_pct)), 1) as decimal(10, 1)) as mean_absolute_error_pct
        from {marts.name('fct_trade_partial_month')}
        where estimate_error_pct is not null
        group by partial_period, flow""")}
    vintage = marts.rows(f"select * from {marts.name('dim_build_vintage')}")[0] \
        if marts.has("dim_build_vintage") else None
    return EarlyRelease(month, lang, vintage, figures, backtest)


def latest_partial_only_month(connection: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The latest month with first-10 / 20-days figures and no world exports and imports yet (else None)."""
    marts = _Marts(connection)
    if not (marts.has("fct_trade_partial_month") and marts.has("fct_trade_balance_monthly")):
        return None
    return connection.execute(f"""
        select max(p.period_month) from {marts.name('fct_trade_partial_month')} as p
        where not exists (
            select 1 from {marts.name('fct_trade_balance_monthly')} as b
            where b.area_code = 'world' and b.period_month = p.period_month
              and b.exports_thousand_yen is not null and b.imports_thousand_yen is not null)""").fetchone()[0]


def _read_quantity_index(marts: _Marts, month: dt.date, phrases: dict) -> dict[str, QuantityIndexLine] | None:
    if not marts.has("fct_trade_indices"):
        return None
    rows = {r["flow"]: r for r in marts.rows(f"""
        select flow, quantity_index_display, quantity_index_yoy_pct_display from {marts.name('fct_trade_indices')}
        where period_month = ? and area_code = 'world' and index_commodity_code = 'total'""", [month])}
    return {flow: QuantityIndexLine(
        flow, rows[flow]["quantity_index_display"] if flow in rows else None,
        rows[flow]["quantity_index_yoy_pct_display"] if flow in rows else None,
        phrases.get(("world", f"{flow}_quantity_index"))) for flow in FLOWS}


def _read_seasonally_adjusted(marts: _Marts, month: dt.date) -> SeasonallyAdjusted | None | bool:
    if not marts.has("fct_trade_seasonally_adjusted"):
        return False
    rows = {r["measure"]: r for r in marts.rows(f"""
        select measure, sa_value_hundred_million_yen, mom_pct_display, regarima_model, spec_version, span_start_month
        from {marts.name('fct_trade_seasonally_adjusted')} where period_month = ?""", [month])}
    if not rows:
        return None
    measures = ("exports", "imports", "balance")
    models = "; ".join(f"{m}: {rows[m]['regarima_model']}" for m in ("exports", "imports") if m in rows)
    first = next(iter(rows.values()))
    model = (f"X-13ARIMA-SEATS (X-11), {models}; spec {first['spec_version']}, span from "
             f"{first['span_start_month']:%Y-%m}")
    return SeasonallyAdjusted({m: rows[m]["sa_value_hundred_million_yen"] if m in rows else None for m in measures},
                              {m: rows[m]["mom_pct_display"] if m in rows else None for m in measures}, model)


def _read_exchange_rate(marts: _Marts, month: dt.date) -> ExchangeRate | None | bool:
    if not marts.has("fct_exchange_rates_monthly"):
        return False
    rows = marts.rows(f"""select * from {marts.name('fct_exchange_rates_monthly')}
        where period_month = ? and currency = 'USD'""", [month])
    if not rows:
        return None
    r = rows[0]
    return ExchangeRate(r["yen_per_unit_average_display"], r["yen_per_unit_average_previous_year_display"],
                        r["yen_value_change_pct_display"], r["yen_direction"])


# ---------------------------------------------------------------------------
# the document: a list of blocks both renderers understand


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    text: str
    css: str = ""


@dataclass
class Table:
    header: list[str] | None
    rows: list[list[str]]
    numeric_columns: tuple[int, ...] = ()
    caption: str | None = None
    note: str | None = None


@dataclass
class Chart:
    svg: str
    caption: str


@dataclass
class Details:
    """A collapsible section (HTML <details>); Markdown prints the summary as a heading and the blocks."""
    summary: str
    blocks: list


WORDS = {
    "ja": {
        "title": "{month}分貿易統計（{stage}）の概要",
        "stage_preliminary": "速報", "stage_revised": "確報",
        "vintage_as_of": "この資料の数値は {date} 時点で公表されていた版（初回公表値）による。",
        "vintage_latest": "この資料の数値は最新の版（{date} までに公表されたデータ）による。",
        "synthetic": "（注）デモ用データ: 世界計と公表表の数値は実際の公表値、地域・国別と品目の内訳（数量指数を含む）は合成データ。",
        "headline_flow": "{flow}は{items}が{direction}し、{growth}となった。",
        "headline_no_items": "{flow}は{growth}となった。",
        "headline_first_growth": "対前年同月比{growth}",
        "headline_no_growth": "{flow}は{value}となった（前年同月の数値はない）。",
        "headline_balance": "その結果、差引額は{balance}となった。",
        "increase": "増加", "decrease": "減少", "also": "また、",
        "exports": "輸出", "imports": "輸入", "balance": "差引",
        "totals": "●総額", "value": "金額", "quantity_index": "数量指数",
        "totals_note": "(注)伸率及び増加・減少は、断りなき場合は、対前年同月比による。",
        "qi_missing": "数量指数: この倉庫には貿易指数（fct_trade_indices）がまだない。",
        "sa": "季節調整値（伸率は対前月比）", "sa_exports": "輸出額", "sa_imports": "輸入額", "sa_balance": "差引額",
        "sa_missing": "季節調整値: この倉庫には季節調整値（fct_trade_seasonally_adjusted）がまだない。",
        "sa_no_month": "季節調整値: {month}の季節調整値はない。",
        "items_header": ["", "", "品目名", "伸率(金額)", "寄与度"],
        "flow_item": "・{flow}", "increase_items": "(増加品目)", "decrease_items": "(減少品目)",
        "no_items": "掲載品目なし（品目別の数値がない）",
        "ranks": "＜輸出入額等の順位＞", "rank_measure": "○{measure}額",
        "rank_all": "過去:{rank}位", "rank_same": "{month}としては:{rank}位",
        "rank_note": "※順位は{start}以降({months}ヵ月)({month}は{same}ヵ月)による",
        "rank_note_area": "※順位は読み込まれたデータの{start}以降({months}ヵ月)({month}は{same}ヵ月)による",
        "rate_title": "(為替レート：税関長公示レートの平均値)",
        "rate_line": "{month}： {rate}円／ドル（対前年同月比：{pct}％の{direction}）",
        "rate_previous": "({month}： {rate}円／ドル)",
        "yen_appreciation": "円高", "yen_depreciation": "円安", "unchanged": "変化なし",
        "rate_missing": "為替レート: この月の税関長公示レートは読み込まれていない。",
        "areas": "●地域別貿易動向", "area_missing": "この月の{area}の数値はない（国別の統計品別表が読み込まれていない）。",
        "trend": "貿易の推移(対{area})", "trend_unit": "(単位:百万円、%)",
        "trend_header": ["年・月", "輸 出", "伸び率", "輸 入", "伸び率", "差 引", "伸び率"],
        "trend_note": "(注)(P)は速報値。", "world_for_trend": "世界",
        "chart_trend": "{area}: 輸出・輸入（棒、億円）と差引（線）、直近13ヵ月",
        "chart_contributions": "{area}: {flow}の品目別寄与度（ポイント、上位8品目）",
        "source": "出典: 財務省貿易統計（普通貿易統計）から本プロジェクトが作成。",
        "area_table": "●地域（国）別輸出入",
        "area_table_header": ["地域（国）名", "輸 出", "伸び率", "輸 入", "伸び率", "差 引", "伸び率"],
        "area_table_unit": "(単位:百万円、%)",
        "area_table_note": "(注)(ＡＳＥＡＮ)、(ＥＵ)は再掲。伸び率の「-」は伸び率を示さないもの（差引の符号が前年同月と"
                           "異なる、前年同月の数値がない等）。「*NNN」は速報の表示（極めて大きな変化）。",
        "area_table_missing": "この月の数値がない地域（国）は金額・伸び率とも「-」（国別の数値が読み込まれていない）。",
        "commodities": "●主要商品別輸出入（世界・主要地域（国）別）",
        "commodity_page": "主要商品別{flow}（{area}）",
        "commodity_header": ["品目", "単位", "数量", "金額", "構成比", "伸び率", "寄与度"],
        "commodity_unit": "(金額:百万円、構成比・伸び率:%、寄与度:ポイント)",
        "commodities_note": "(注)数量は基本単位で示す（トン、総トン、KG、KL、NO＝個数）。速報の千トン・千台・百万個等は"
                            "この単位に換算した（例: 2,262千トン → 2,262,000トン）。品目名は d51ma / d61ma の名称。"
                            "数量が空欄の品目は数量を示さないもの。「-」は数値なし。",
        "commodities_missing": "品目別の数値がない表: {pages}。",
        "unit_names": {"MT": "トン", "GT": "総トン"},
        "indices": "●貿易指数（2020年＝100）：財務省の公表値と本プロジェクトの計算値",
        "indices_header": ["地域", "", "金額指数 公表", "本計算", "差", "数量指数 公表", "本計算", "差",
                           "価格指数 公表", "本計算", "差"],
        "indices_note": "(注)(P)は速報値。差＝本計算－公表。本計算は fct_trade_indices（9桁の統計品別データから"
                        "算出）による。数量・価格指数は9桁データがない月は「-」。",
        "indices_missing": "貿易指数の公表値: この倉庫には fct_trade_indices_published がないため省略した。",
        "indices_no_month": "貿易指数の公表値: {month}の公表値は読み込まれていない。",
        "early_title": "{month}分貿易統計（{stage}）",
        "first_10_days": "上旬速報", "first_20_days": "上中旬速報",
        "part_first_10_days": "上旬（1日～10日）", "part_first_20_days": "上中旬（1日～20日）",
        "early_notice": "この月の月間の数値はまだ公表されていない。以下は財務省の{stage}（暫定値）と、"
                        "それに基づく月間の推計値である。推計値は本プロジェクトによるもので、財務省の公表値ではない。",
        "early_totals": "●期間の総額（財務省公表、暫定値）",
        "early_totals_header": ["期間", "公表日", "輸 出", "伸び率", "輸 入", "伸び率", "差 引"],
        "early_totals_note": "(注)差引は輸出－輸入。伸び率は前年同期比（財務省公表）。",
        "early_estimate": "●月間の推計値（本プロジェクトの推計、財務省の公表値ではない）",
        "early_estimate_header": ["推計の基礎", "輸 出", "輸 入", "差 引"],
        "early_estimate_note": "(注)推計方法: 期間の値 ×（前年同月の月間の値 ÷ 前年同月の同じ期間の値）。"
                               "過去の月での誤差（平均絶対誤差）: {errors}。",
        "early_error": "{part}の{flow} {error}％（{months}ヵ月）",
        "unit_million": "(単位:百万円)",
        "early_no_error": "まだ算出できない",
    },
    "en": {
        "title": "Trade Statistics for {month} ({stage}): Summary",
        "stage_preliminary": "Preliminary", "stage_revised": "Revised",
        "vintage_as_of": "Figures as first published: the data as available on {date}.",
        "vintage_latest": "Figures of the latest vintage (data published up to {date}).",
        "synthetic": "(Note) Demo data: world totals and the release tables are the published figures; the "
                     "breakdown by area, country and commodity (and so the quantity index) is synthetic.",
        "headline_flow": "{flow} {direction}d by {growth_abs} year on year, mainly due to {items}.",
        "headline_no_items": "{flow} {direction}d by {growth_abs} year on year.",
        "headline_no_growth": "{flow} were {value} (no figure a year earlier).",
        "headline_balance": "As a result, the trade balance was {balance_phrase}.",
        "increase": "increase", "decrease": "decrease", "also": "",
        "exports": "Exports", "imports": "Imports", "balance": "Balance",
        "totals": "Total", "value": "Value", "quantity_index": "Quantity index",
        "totals_note": "(Note) Growth rates and increases/decreases are year on year unless stated otherwise.",
        "qi_missing": "Quantity index: not in this warehouse yet (no fct_trade_indices).",
        "sa": "Seasonally adjusted (growth month on month)", "sa_exports": "Exports", "sa_imports": "Imports",
        "sa_balance": "Balance",
        "sa_missing": "Seasonally adjusted figures: not in this warehouse yet (no fct_trade_seasonally_adjusted).",
        "sa_no_month": "Seasonally adjusted figures: none for {month}.",
        "items_header": ["", "", "Commodity", "Growth (value)", "Contribution"],
        "flow_item": "{flow}", "increase_items": "(increase)", "decrease_items": "(decrease)",
        "no_items": "no items listed (no figures by commodity)",
        "ranks": "Rankings", "rank_measure": "{measure}",
        "rank_all": "All months: No. {rank}", "rank_same": "Among {month} months: No. {rank}",
        "rank_note": "Ranked over {start} onwards ({months} months; {same} {month} months).",
        "rank_note_area": "Ranked over the loaded data, {start} onwards ({months} months; {same} {month} months).",
        "rate_title": "(Exchange rate: average of the customs weekly rates)",
        "rate_line": "{month}: {rate} yen/US$ (year on year: yen {direction} {pct}%)",
        "rate_previous": "({month}: {rate} yen/US$)",
        "yen_appreciation": "appreciated", "yen_depreciation": "depreciated", "unchanged": "unchanged",
        "rate_missing": "Exchange rate: no customs rates loaded for this month.",
        "areas": "Trade by area", "area_missing": "No figures for {area} this month (no by-country data loaded).",
        "trend": "Trend of trade with {area}", "trend_unit": "(million yen, %)",
        "trend_header": ["Month", "Exports", "Growth", "Imports", "Growth", "Balance", "Growth"],
        "trend_note": "(Note) (P): preliminary.", "world_for_trend": "the world",
        "chart_trend": "{area}: exports and imports (bars, ¥100 million) and balance (line), last 13 months",
        "chart_contributions": "{area}: contributions to {flow} growth by commodity (points, top 8)",
        "source": "Source: compiled by this project from the Ministry of Finance trade statistics.",
        "area_table": "Value of exports and imports by area (country)",
        "area_table_header": ["Area (country)", "Exports", "Growth", "Imports", "Growth", "Balance", "Growth"],
        "area_table_unit": "(million yen, %)",
        "area_table_note": "(Note) (ASEAN) and (EU) are re-listed. A growth of '-' is not shown (the balance "
                           "changed sign, or no figure a year earlier); *NNN as the release prints it (a very large "
                           "change).",
        "area_table_missing": "Areas (countries) without figures for the month print '-' throughout (no "
                              "by-country figures loaded).",
        "commodities": "Exports and imports by principal commodity (world and main areas)",
        "commodity_page": "{flow} by principal commodity ({area})",
        "commodity_header": ["Commodity", "Unit", "Quantity", "Value", "Share", "Growth", "Contribution"],
        "commodity_unit": "(value: million yen; share and growth: %; contribution: points)",
        "commodities_note": "(Note) Quantities are in base units (MT, GT, KG, KL, NO = number); the release's "
                            "thousands and millions (TMT, TNO, MNO, TKL) are converted (e.g. 2,262 TMT → 2,262,000 "
                            "MT). Item names are those of d51ma / d61ma. Blank quantity: none for the item; "
                            "'-': no figure.",
        "commodities_missing": "Tables without figures by commodity: {pages}.",
        "unit_names": {},
        "indices": "Indices of trade (2020 = 100): published by MOF and computed by this project",
        "indices_header": ["Area", "", "Value index, published", "ours", "diff.", "Quantity index, published",
                           "ours", "diff.", "Price index, published", "ours", "diff."],
        "indices_note": "(Note) (P): provisional. diff. = ours − published. Ours are fct_trade_indices (computed "
                        "from the 9-digit data); quantity and price indices print '-' for months without 9-digit data.",
        "indices_missing": "Published indices: omitted, this warehouse has no fct_trade_indices_published.",
        "indices_no_month": "Published indices: none loaded for {month}.",
        "early_title": "Trade Statistics for {month} ({stage})",
        "first_10_days": "first 10 days, provisional", "first_20_days": "first 20 days, provisional",
        "part_first_10_days": "First 10 days", "part_first_20_days": "First 20 days",
        "early_notice": "The full month is not published yet. Below are MOF's figures ({stage}) and an estimate "
                        "of the full month from them; the full-month estimate is this project's, not MOF's.",
        "unit_million": "(million yen)",
        "early_totals": "Totals of the period (MOF, provisional)",
        "early_totals_header": ["Period", "Published", "Exports", "Growth", "Imports", "Growth", "Balance"],
        "early_totals_note": "(Note) Balance = exports − imports. Growth on the same period a year earlier (MOF).",
        "early_estimate": "Estimate of the full month (this project's estimate, not MOF's)",
        "early_estimate_header": ["Based on", "Exports", "Imports", "Balance"],
        "early_estimate_note": "(Note) Method: the period's value × (the full month a year earlier ÷ the same "
                               "period a year earlier). Error in past months (mean absolute error): {errors}.",
        "early_error": "{part} {flow} {error}% ({months} months)",
        "early_no_error": "not available yet",
    },
}


def _growth_with_phrase(totals: Totals, measure: str, lang: str) -> list[str]:
    return [amount_text(totals, measure, lang), signed_text(totals.growth_pct[measure], lang, "%"),
            totals.phrase.get(measure) or ""]


def _headline(release: Release) -> str:
    lang, words = release.lang, WORDS[release.lang]
    world = release.areas["world"]
    totals = world.totals
    sentences = []
    for index, flow in enumerate(FLOWS):
        measure = MEASURE_OF_FLOW[flow]
        growth = totals.growth_pct[measure]
        direction = "increase" if (growth or 0) >= 0 else "decrease"
        main = sorted((i for i in world.listed if i.flow == flow and i.main_direction_rank),
                      key=lambda i: i.main_direction_rank)[:2]
        if growth is None:
            sentence = words["headline_no_growth"].format(
                flow=words[measure], value=amount_text(totals, measure, lang))
            sentences.append((words["also"] if index else "") + sentence)
            continue
        if lang == "ja":
            growth_text = signed_text(growth, lang, "%")
            if index == 0:
                growth_text = words["headline_first_growth"].format(growth=growth_text)
            names = "、".join(i.name for i in main) + "等" if main else ""
            template = words["headline_flow"] if main else words["headline_no_items"]
            sentence = template.format(flow=words[measure], items=names, direction=words[direction],
                                       growth=growth_text)
            sentences.append((words["also"] if index else "") + sentence)
        else:
            names = " and ".join(i.name for i in main)
            template = words["headline_flow"] if main else words["headline_no_items"]
            sentences.append(template.format(flow=words[measure], direction=direction, items=names,
                                             growth_abs=f"{abs(growth or 0):.1f}%"))
    if lang == "ja":
        sentences.append(words["headline_balance"].format(balance=amount_text(totals, "balance", lang)))
        prefix = f"{month_label(release.month, lang)}分については、"
        return prefix + "".join(sentences[:2]) + "\n" + sentences[2]
    kind = "a surplus" if (totals.million_yen["balance"] or 0) >= 0 else "a deficit"
    balance_phrase = f"{kind} of {amount_text(totals, 'balance', lang, absolute=True)}"
    sentences.append(words["headline_balance"].format(balance_phrase=balance_phrase))
    return f"In {month_label(release.month, lang)}, " + sentences[0][0].lower() + sentences[0][1:] + " " + \
        " ".join(sentences[1:])


def _totals_table(release: Release, totals: Totals, with_indices: bool) -> list:
    lang, words = release.lang, WORDS[release.lang]
    rows = []
    for flow in FLOWS:
        measure = MEASURE_OF_FLOW[flow]
        rows.append([words[measure], words["value"], *_growth_with_phrase(totals, measure, lang)])
        if with_indices and release.quantity_index is not None:
            line = release.quantity_index[flow]
            rows.append(["", words["quantity_index"], f"{line.value:.1f}" if line.value is not None else "－",
                         signed_text(line.growth_pct, lang, "%"), line.phrase or ""])
    rows.append([words["balance"], words["value"], *_growth_with_phrase(totals, "balance", lang)])
    blocks: list = [Table(None, rows, numeric_columns=(2, 3))]
    if with_indices and release.quantity_index is None:
        blocks.append(Paragraph(words["qi_missing"], "missing"))
    return blocks


def _items_table(release: Release, area: AreaRelease) -> Table | Paragraph:
    lang, words = release.lang, WORDS[release.lang]
    if not area.listed:
        return Paragraph(words["no_items"], "missing")
    rows = []
    previous_flow, previous_direction = None, None
    for item in area.listed:
        flow_cell = words["flow_item"].format(flow=words[MEASURE_OF_FLOW[item.flow]]) if item.flow != previous_flow else ""
        direction_cell = words[f"{item.direction}_items"] if (item.flow, item.direction) != (
            previous_flow, previous_direction) else ""
        rows.append([flow_cell, direction_cell, item.name, signed_text(item.growth_pct, lang, "%"),
                     signed_text(item.contribution_pct_points, lang)])
        previous_flow, previous_direction = item.flow, item.direction
    return Table(words["items_header"], rows, numeric_columns=(3, 4))


def _ranking_blocks(release: Release, area: AreaRelease) -> list:
    lang, words = release.lang, WORDS[release.lang]
    if not area.rankings:
        return []
    rows = []
    for measure in ("exports", "imports", "balance"):
        ranking = area.rankings.get(measure)
        if ranking is None:
            continue
        label = words["rank_measure"].format(measure=words[measure])
        rows.append([label, words["rank_all"].format(rank=ranking.rank_all),
                     words["rank_same"].format(month=month_label(release.month, lang, with_year=False),
                                               rank=ranking.rank_same_month)])
    ranking = next(iter(area.rankings.values()))
    start = month_label(ranking.ranked_from, lang)
    if lang == "ja":
        start = f"{era_year(ranking.ranked_from)[:-1]}({ranking.ranked_from.year})年{ranking.ranked_from.month}月"
    note = (words["rank_note"] if area.code == "world" else words["rank_note_area"]).format(
        start=start, months=ranking.months_ranked, same=ranking.same_months_ranked,
        month=month_label(release.month, lang, with_year=False))
    return [Heading(4, words["ranks"]), Table(None, rows, note=note)]


def _trend_table(release: Release, area: AreaRelease) -> Table:
    lang, words = release.lang, WORDS[release.lang]
    rows = []
    for index, totals in enumerate(area.trend):
        mark = {m: "(P) " if totals.preliminary[m] else "" for m in ("exports", "imports", "balance")}
        label = table_month_label(totals.month, index == 0, lang)
        if totals.preliminary["exports"] and totals.preliminary["imports"]:
            label += "(P)"
        rows.append([label] + [x for m in ("exports", "imports", "balance") for x in (
            mark[m] + table_number(totals.million_yen[m], lang), table_number(totals.growth_pct[m], lang))])
    area_name = words["world_for_trend"] if area.code == "world" else area.name
    return Table(words["trend_header"], rows, numeric_columns=(1, 2, 3, 4, 5, 6),
                 caption=words["trend"].format(area=area_name) + " " + words["trend_unit"], note=words["trend_note"])


def _charts(release: Release, area: AreaRelease) -> list[Chart]:
    words = WORDS[release.lang]
    out = []
    if area.trend:
        out.append(Chart(charts.trend_chart(
            [f"{t.month.year}/{t.month.month}" if i == 0 or t.month.month == 1 else str(t.month.month)
             for i, t in enumerate(area.trend)],
            # drawn from the million-yen figures (in 億円), which every source determines
            *([None if t.million_yen[m] is None else t.million_yen[m] / 100 for t in area.trend]
              for m in ("exports", "imports", "balance")),
            [words["exports"], words["imports"], words["balance"]]),
            words["chart_trend"].format(area=area.name)))
    for flow in FLOWS:
        items = area.contributions.get(flow) or []
        if items:
            out.append(Chart(charts.contribution_chart(
                [i.name for i in items], [float(i.contribution_pct_points or 0) for i in items]),
                words["chart_contributions"].format(area=area.name, flow=words[MEASURE_OF_FLOW[flow]])))
    return out


def _indent(level: int, lang: str) -> str:
    """Country rows (level 2) are indented under their area, as page 2 prints them."""
    return ("\u3000" if lang == "ja" else "\u00a0\u00a0") * max(level - 1, 0)


def _area_table_blocks(release: Release) -> list:
    lang, words = release.lang, WORDS[release.lang]
    if release.area_table is None:
        return []
    rows, missing = [], False
    for row in release.area_table:
        name = _indent(row.level, lang) + row.name
        if row.totals is None:
            missing = True
            rows.append([name] + ["-"] * 6)
            continue
        rows.append([name] + [x for m in ("exports", "imports", "balance") for x in (
            table_number(row.totals.million_yen[m], lang), growth_text(row.totals, m, lang))])
    note = words["area_table_note"] + (("" if lang == "ja" else " ") + words["area_table_missing"] if missing else "")
    return [Heading(2, words["area_table"]),
            Table(words["area_table_header"], rows, numeric_columns=(1, 2, 3, 4, 5, 6),
                  caption=f"{month_label(release.month, lang)} {words['area_table_unit']}", note=note)]


#: How the page prints a growth the release XML replaces with a marker (other markers, e.g. *659, as printed).
GROWTH_MARKERS = {"ja": {"ZENZO": "全増", "ZENGEN": "全減"}, "en": {}}


def growth_text(totals: "Totals", measure: str, lang: str) -> str:
    """A growth as the area table prints it: the number, else the release's marker (全増, *659 …), else '-'."""
    growth = totals.growth_pct[measure]
    marker = totals.growth_marker.get(measure)
    if growth is None and marker:
        return GROWTH_MARKERS[lang].get(marker, marker)
    return table_number(growth, lang)


def quantity_text(quantity: Decimal | None, lang: str) -> str:
    """A quantity in its base unit with thousands separators (2,262,000); decimals only when it has them."""
    if quantity is None:
        return ""
    if quantity == quantity.to_integral_value():
        return table_number(int(quantity), lang)
    return ("▲" if quantity < 0 and lang == "ja" else "-" if quantity < 0 else "") + f"{abs(quantity.normalize()):,f}"


def _commodity_table(release: Release, page: CommodityPage) -> Table:
    lang, words = release.lang, WORDS[release.lang]
    rows = []
    for row in page.rows:
        unit = words["unit_names"].get(row.quantity_unit, row.quantity_unit) if row.quantity is not None else ""
        rows.append([_indent(row.level, lang) + row.name, unit or "", quantity_text(row.quantity, lang),
                     table_number(row.value_million_yen, lang), table_number(row.share_pct, lang),
                     table_number(row.growth_pct, lang), table_number(row.contribution_pct_points, lang)])
    return Table(words["commodity_header"], rows, numeric_columns=(2, 3, 4, 5, 6),
                 caption=f"{month_label(release.month, lang)} {words['commodity_unit']}")


def _commodity_blocks(release: Release) -> list:
    lang, words = release.lang, WORDS[release.lang]
    if not release.commodity_pages:
        return []
    blocks: list = [Heading(2, words["commodities"])]
    absent = []
    for page in release.commodity_pages:
        title = words["commodity_page"].format(flow=words[MEASURE_OF_FLOW[page.flow]], area=page.area_name)
        if not any(row.present for row in page.rows):
            absent.append(title)
            continue
        blocks.append(Details(title, [_commodity_table(release, page)]))
    blocks.append(Paragraph(words["commodities_note"], "note"))
    if absent:
        blocks.append(Paragraph(words["commodities_missing"].format(pages=("、" if lang == "ja" else "; ").join(absent)),
                                "missing"))
    return blocks


def _one_decimal(value: float | None) -> Decimal | None:
    """A double of a mart (our indices, unrounded) to one decimal, half-up, for display."""
    if value is None:
        return None
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _indices_blocks(release: Release) -> list:
    lang, words = release.lang, WORDS[release.lang]
    indices = release.published_indices
    blocks: list = [Heading(2, words["indices"])]
    if indices is False:
        return blocks + [Paragraph(words["indices_missing"], "missing")]
    if not indices:
        return blocks + [Paragraph(words["indices_no_month"].format(month=month_label(release.month, lang)), "missing")]
    rows = []
    for index in indices:
        cells = [RELEASE_AREA_NAMES[lang].get(index.area_code, index.area_code), words[MEASURE_OF_FLOW[index.flow]]]
        for kind in INDEX_KINDS:
            published = index.published[kind]
            mark = "(P) " if index.is_provisional and published is not None else ""
            cells += [mark + table_number(published, lang),
                      table_number(_one_decimal(index.ours[kind]), lang),
                      signed_text(_one_decimal(index.difference[kind]), lang) if index.difference[kind] is not None
                      else "-"]
        rows.append(cells)
    return blocks + [Table(words["indices_header"], rows, numeric_columns=tuple(range(2, 11)),
                           caption=month_label(release.month, lang), note=words["indices_note"])]


def build_document(release: Release, with_charts: bool) -> list:
    lang, words = release.lang, WORDS[release.lang]
    world = release.areas["world"]
    totals = world.totals
    stage = "stage_preliminary" if totals.preliminary["exports"] or totals.preliminary["imports"] else "stage_revised"
    blocks: list = [Heading(1, words["title"].format(month=month_label(release.month, lang), stage=words[stage]))]
    if release.vintage:
        if release.vintage["is_latest_vintage"]:
            blocks.append(Paragraph(words["vintage_latest"].format(date=release.vintage["latest_published_date"]), "vintage"))
        else:
            blocks.append(Paragraph(words["vintage_as_of"].format(date=release.vintage["as_of_date"]), "vintage"))
    if release.has_synthetic:
        blocks.append(Paragraph(words["synthetic"], "note"))
    blocks.append(Paragraph(_headline(release), "headline"))

    blocks.append(Heading(2, words["totals"]))
    blocks += _totals_table(release, totals, with_indices=True)
    blocks.append(Paragraph(words["totals_note"], "note"))
    sa = release.seasonally_adjusted
    if sa is False:
        blocks.append(Paragraph(words["sa_missing"], "missing"))
    elif sa is None:
        blocks.append(Paragraph(words["sa_no_month"].format(month=month_label(release.month, lang)), "missing"))
    else:
        blocks.append(Heading(3, words["sa"]))
        blocks.append(Table(None, [[words[f"sa_{m}"], oku_text(sa.hundred_million_yen[m], lang),
                                    signed_text(sa.mom_pct[m], lang, "%")] for m in ("exports", "imports", "balance")],
                            numeric_columns=(1, 2), note=sa.model))
    blocks.append(_items_table(release, world))
    if with_charts:
        blocks += _charts(release, world)
    blocks += _ranking_blocks(release, world)

    blocks.append(Paragraph(words["rate_title"]))
    rate = release.exchange_rate
    if not rate:
        blocks.append(Paragraph(words["rate_missing"], "missing"))
    else:
        pct = rate.yen_value_change_pct
        lines = [words["rate_line"].format(month=month_label(release.month, lang), rate=f"{rate.yen_per_dollar:.2f}",
                                           pct=f"{pct:.1f}" if pct is not None else "－",
                                           direction=words.get(rate.direction or "unchanged", ""))]
        if rate.previous_year is not None:
            lines.append(words["rate_previous"].format(month=month_label(_months_back(release.month, 12), lang),
                                                       rate=f"{rate.previous_year:.2f}"))
        blocks += [Paragraph(line) for line in lines]

    blocks.append(Heading(2, words["areas"]))
    for code in AREA_BLOCKS:
        area = release.areas[code]
        blocks.append(Heading(3, f"○{area.name}" if lang == "ja" else area.name))
        if area.totals is None:
            blocks.append(Paragraph(words["area_missing"].format(area=area.name), "missing"))
            continue
        blocks.append(Table(None, [[words[m], *_growth_with_phrase(area.totals, m, lang)]
                                   for m in ("exports", "imports", "balance")], numeric_columns=(1, 2)))
        blocks.append(_items_table(release, area))
        if with_charts:
            blocks += _charts(release, area)
        blocks += _ranking_blocks(release, area)

    for code in RELEASE_AREAS:
        area = release.areas[code]
        if area.trend:
            blocks.append(_trend_table(release, area))
    blocks += _area_table_blocks(release)
    blocks += _indices_blocks(release)
    blocks += _commodity_blocks(release)
    blocks.append(Paragraph(words["source"], "note"))
    return blocks


def _million_yen(thousand_yen: int | None) -> int | None:
    """Thousand yen to million yen, half-up (the partial-month figures are whole million yen already)."""
    if thousand_yen is None:
        return None
    return int((Decimal(thousand_yen) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def build_early_document(early: EarlyRelease) -> list:
    """The early page of a month with only first-10 / 20-days figures: MOF's totals and our estimate."""
    lang, words = early.lang, WORDS[early.lang]
    stage = words[early.latest_part]
    blocks: list = [Heading(1, words["early_title"].format(month=month_label(early.month, lang), stage=stage)),
                    Paragraph(words["early_notice"].format(stage=stage), "early")]
    if early.vintage:
        key = "vintage_latest" if early.vintage["is_latest_vintage"] else "vintage_as_of"
        date = early.vintage["latest_published_date" if early.vintage["is_latest_vintage"] else "as_of_date"]
        blocks.append(Paragraph(words[key].format(date=date), "vintage"))
    parts = [part for part in PARTS if part in early.figures]
    rows = []
    for part in parts:
        export, import_ = early.figures[part]["export"], early.figures[part]["import"]
        exports, imports = _million_yen(export.value_thousand_yen), _million_yen(import_.value_thousand_yen)
        rows.append([words[f"part_{part}"], str(export.published_date or import_.published_date or ""),
                     table_number(exports, lang), table_number(export.growth_pct, lang),
                     table_number(imports, lang), table_number(import_.growth_pct, lang),
                     table_number(exports - imports, lang)])
    blocks += [Heading(2, words["early_totals"]),
               Table(words["early_totals_header"], rows, numeric_columns=(2, 3, 4, 5, 6),
                     caption=f"{month_label(early.month, lang)} {words['trend_unit']}",
                     note=words["early_totals_note"])]
    rows = []
    for part in parts:
        estimates = [_million_yen(early.figures[part][flow].estimate_thousand_yen) for flow in FLOWS]
        balance = estimates[0] - estimates[1] if None not in estimates else None
        rows.append([words[f"part_{part}"], *(table_number(v, lang) for v in (*estimates, balance))])
    errors = [words["early_error"].format(part=words[f"part_{part}"], flow=words[MEASURE_OF_FLOW[flow]],
                                          error=early.backtest[(part, flow)][1], months=early.backtest[(part, flow)][0])
              for part in parts for flow in FLOWS if (part, flow) in early.backtest]
    blocks += [Heading(2, words["early_estimate"]),
               Table(words["early_estimate_header"], rows, numeric_columns=(1, 2, 3),
                     caption=f"{month_label(early.month, lang)} {words['unit_million']}",
                     note=words["early_estimate_note"].format(
                         errors=("、" if lang == "ja" else "; ").join(errors) or words["early_no_error"]))]
    blocks.append(Paragraph(words["source"], "note"))
    return blocks


# ---------------------------------------------------------------------------
# renderers


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def render_markdown(blocks: list) -> str:
    return "\n".join(_markdown_lines(blocks)).rstrip() + "\n"


def _markdown_lines(blocks: list) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Details):
            out += [f"### {block.summary}", ""] + _markdown_lines(block.blocks)
            continue
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {block.text}")
        elif isinstance(block, Paragraph):
            out.append(block.text.replace("\n", "  \n"))
        elif isinstance(block, Table):
            if block.caption:
                out.append(f"**{block.caption}**\n")
            header = block.header or [""] * len(block.rows[0])
            lines = ["| " + " | ".join(_markdown_cell(h) for h in header) + " |",
                     "|" + "|".join("---:" if i in block.numeric_columns else "---" for i in range(len(header))) + "|"]
            lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in block.rows]
            out.append("\n".join(lines))
            if block.note:
                out.append("\n" + block.note)
        elif isinstance(block, Chart):
            continue
        out.append("")
    return out


HTML_STYLE = """
body{font-family:"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1a1a1a;line-height:1.6}
h1{font-size:1.5rem;border-bottom:2px solid #1f4e79;padding-bottom:.3rem}h2{font-size:1.25rem;margin-top:2rem;
color:#1f4e79}h3{font-size:1.1rem}h4{font-size:1rem}
table{border-collapse:collapse;margin:.6rem 0}td,th{border:1px solid #c8c8c8;padding:.2rem .6rem}
th{background:#eef3f8}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
caption{text-align:left;font-weight:bold;padding:.3rem 0}.headline{font-size:1.05rem;background:#f6f8fa;padding:.6rem}
.note,.vintage{font-size:.9rem;color:#444}.early{font-weight:bold;background:#fff4e0;padding:.6rem}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:bold}
.missing{color:#8a4b00}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#444}
"""


def render_html(blocks: list, lang: str, title: str) -> str:
    escape = html.escape
    out = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>',
           f"<style>{HTML_STYLE}</style>\n</head>\n<body>"]
    out += _html_lines(blocks)
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _html_lines(blocks: list) -> list[str]:
    escape = html.escape
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Details):
            out += [f"<details><summary>{escape(block.summary)}</summary>"] + _html_lines(block.blocks) + ["</details>"]
        elif isinstance(block, Heading):
            out.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            css = f' class="{block.css}"' if block.css else ""
            out.append(f"<p{css}>" + "<br>".join(escape(line) for line in block.text.split("\n")) + "</p>")
        elif isinstance(block, Table):
            out.append("<table>")
            if block.caption:
                out.append(f"<caption>{escape(block.caption)}</caption>")
            if block.header:
                out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in block.header) + "</tr>")
            for row in block.rows:
                out.append("<tr>" + "".join(
                    f'<td class="num">{escape(c)}</td>' if i in block.numeric_columns else f"<td>{escape(c)}</td>"
                    for i, c in enumerate(row)) + "</tr>")
            out.append("</table>")
            if block.note:
                out.append(f'<p class="note">{escape(block.note)}</p>')
        elif isinstance(block, Chart):
            out.append(f"<figure>{block.svg}<figcaption>{escape(block.caption)}</figcaption></figure>")
    return out


def render_release(connection: duckdb.DuckDBPyConnection, month: dt.date, lang: str = "ja",
                   output_format: str = "md") -> str:
    """The month's release as Markdown or a self-contained HTML page."""
    if output_format not in ("md", "html"):
        raise ReleaseError(f"format must be 'md' or 'html', not {output_format!r}")
    try:
        blocks = build_document(read_release(connection, month, lang), with_charts=output_format == "html")
    except MonthNotPublished:
        early = read_early_release(connection, month, lang)
        if early is None:
            raise
        blocks = build_early_document(early)
    if output_format == "md":
        return render_markdown(blocks)
    return render_html(blocks, lang, blocks[0].text)


def write_release(database: Path, month: dt.date, lang: str, output_format: str, out: Path | None) -> str:
    connection = connect_for_reading(database)
    try:
        text = render_release(connection, month, lang, output_format)
    finally:
        connection.close()
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return text
