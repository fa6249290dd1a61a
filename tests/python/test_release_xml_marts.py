"""The release XML in the marts, on real data only (official series, the January 2026 9-digit files and the
shipped release XMLs), built at the latest vintage. Expected values are read off the files by eye:
press_2026015en.xml (part 5, 2026-02-26), d41ma.csv (line 2026/01), partial-month/INDEX.csv.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pytest

from conftest import query
from japan_trade.release import render_release


@pytest.mark.parametrize("area, exports, exports_growth, imports, imports_growth, balance, balance_growth", [
    # pg2 of press_2026015en.xml, as printed (million yen, %)
    ("304", 1_461_336, Decimal("-5.1"), 1_099_723, Decimal("3.5"), 361_613, Decimal("-24.1")),
    ("137", 70_326, Decimal("-14.8"), 534_625, Decimal("23.9"), -464_299, Decimal("33.0")),
    ("asean", 1_353_615, Decimal("9.2"), 1_613_849, Decimal("-4.7"), -260_234, Decimal("-42.6")),
    ("central_eastern_europe_russia", 149_939, Decimal("19.2"), 190_157, Decimal("5.0"), -40_218, Decimal("-27.2")),
    ("105", 1_549_514, Decimal("32.0"), 2_633_706, Decimal("0.6"), -1_084_192, Decimal("-24.9")),
])
def test_latest_build_shows_part_5_for_areas(real_warehouse, area, exports, exports_growth, imports, imports_growth,
                                              balance, balance_growth):
    row = query(real_warehouse, """
        select exports_million_yen, exports_yoy_pct_display, imports_million_yen, imports_yoy_pct_display,
               balance_million_yen, balance_yoy_pct_display, exports_source, exports_revision_stage,
               imports_revision_stage
        from fct_trade_balance_monthly where area_code = ? and period_month = date '2026-01-01'""", [area])[0]
    assert row[:6] == (exports, exports_growth, imports, imports_growth, balance, balance_growth)
    assert row[6:] == ("release_xml", "export_confirmed", "import_9digit_preliminary")


def test_latest_build_shows_d41ma_for_the_world(real_warehouse):
    # d41ma.csv line "2026/01,9185075620 ,10350879966 " (thousand yen): later than both XML parts
    row = query(real_warehouse, """
        select exports_thousand_yen, imports_thousand_yen, exports_source, imports_source
        from fct_trade_balance_monthly where area_code = 'world' and period_month = date '2026-01-01'""")[0]
    assert row == (9_185_075_620, 10_350_879_966, "official_series", "official_series")


def test_revisions_part_4_to_d41ma(real_warehouse):
    # part 4 pg1: 9,187,486 / 10,340,150 million; d41ma: 9,185,075,620 / 10,350,879,966 thousand
    rows = dict((flow, row) for flow, *row in query(real_warehouse, """
        select flow, first_value_thousand_yen, first_file_name, latest_value_thousand_yen, latest_file_name,
               vintage_count, round(revision_pct, 4)
        from fct_trade_revisions
        where area_code = 'world' and release_item_code = 'total' and period_month = date '2026-01-01'"""))
    assert rows["export"][:4] == [9_187_486_000, "press_2026014en.xml", 9_185_075_620, "d41ma.csv"]
    assert rows["export"][5] == round((9_185_075_620 - 9_187_486_000) * 100 / 9_187_486_000, 4)
    assert rows["import"][:4] == [10_340_150_000, "press_2026014en.xml", 10_350_879_966, "d41ma.csv"]
    # part 4, part 5, d41ma and the total column of d61ma
    assert rows["import"][4] == 4


def test_revisions_of_an_area_from_part_4_to_part_5(real_warehouse):
    # USA imports: part 4 pg2 1,095,098; part 5 pg2 1,099,723
    row = query(real_warehouse, """
        select first_value_thousand_yen, latest_value_thousand_yen, first_revision_stage, latest_revision_stage
        from fct_trade_revisions
        where area_code = '304' and flow = 'import' and release_item_code = 'total'
          and period_month = date '2026-01-01'""")[0]
    assert row == (1_095_098_000, 1_099_723_000, "preliminary", "import_9digit_preliminary")


def test_partial_month_against_index_csv_and_d41ma(real_warehouse):
    # INDEX.csv: press_2024011en.xml (first 10 days of January 2024) exports 1,073,196 million yen;
    # d41ma 2024/01 exports 7,332,641,295 thousand yen → share 14.64 %
    row = query(real_warehouse, """
        select value_thousand_yen, full_month_value_thousand_yen, partial_share_pct
        from fct_trade_partial_month
        where flow = 'export' and period_month = date '2024-01-01' and partial_period = 'first_10_days'""")[0]
    assert row[0] == 1_073_196_000
    assert row[1] == 7_332_641_295
    assert abs(float(row[2]) - 1_073_196_000 * 100 / 7_332_641_295) < 0.005


def test_published_world_indices_beside_ours(real_warehouse):
    # pg22 of press_2026015en.xml, 2026 January: export value 161.1, quantity 94.0, price 171.4
    row = query(real_warehouse, """
        select published_value_index, published_quantity_index, published_price_index, our_value_index
        from fct_trade_indices_published
        where flow = 'export' and area_code = 'world' and period_month = date '2026-01-01'""")[0]
    assert tuple(row[:3]) == (Decimal("161.1"), Decimal("94.0"), Decimal("171.4"))
    # ours: d41ma January 2026 ÷ (d41ma 2020 ÷ 12); tolerance 0.2 points (MOF's index uses its own vintage)
    assert row[3] is not None and abs(float(row[3]) - 161.1) <= 0.2


def test_markers_printed_instead_of_a_growth_reach_the_marts_and_the_page(real_warehouse):
    # press_2026015en.xml pg2: U KING <sashihikinobiritsu>*659</sashihikinobiritsu> — no number, a marker
    row = query(real_warehouse, """
        select balance_yoy_pct_display, balance_yoy_marker, exports_yoy_marker
        from fct_trade_balance_monthly where area_code = '205' and period_month = date '2026-01-01'""")[0]
    assert row == (None, "*659", None)
    connection = duckdb.connect(str(real_warehouse), read_only=True)
    try:
        page = render_release(connection, dt.date(2026, 1, 1), "en", "md")
    finally:
        connection.close()
    assert "| \xa0\xa0U KING | 157,987 | 22.5 | 102,867 | -20.2 | 55,120 | *659 |" in page   # country rows indented
