"""The MOF release XML loader against the shipped real files (data/official/release-xml/).

Every expected number below was read off the XML text of the file named in the test (or off
partial-month/INDEX.csv), never from the loader. Bad files are made from the real bytes with one
change each; each must fail whole with a message naming file, page, row and reason, leaving every
raw table exactly as before (docs/decisions/loading.md, "Release XML").
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import PROJECT
from japan_trade import cli, loaders, warehouse
from japan_trade.release_xml import load_release_xml, parse_cell, parse_period, parse_release_date

XML_FOLDER = PROJECT / "data" / "official" / "release-xml"
PART4_EN = XML_FOLDER / "press_2026014en.xml"
PART5_EN = XML_FOLDER / "press_2026015en.xml"
PART4_JA = XML_FOLDER / "press_2026074ja.xml"
RAW_TABLES = ("file_loads", "file_load_months", "release_xml_files", "release_xml_totals", "release_xml_areas",
              "release_xml_items", "release_xml_indices", "official_series", "customs_microdata", "load_rejects")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A warehouse holding every shipped XML, loaded through the manifest (67 files)."""
    connection = warehouse.connect(tmp_path_factory.mktemp("xml") / "w.duckdb")
    results = loaders.load_manifest(connection, XML_FOLDER / "manifest.json", progress=None)
    assert [r.status for r in results] == ["loaded"] * 67
    yield connection
    connection.close()


def load_id_of(connection, file_name: str) -> int:
    return connection.execute("select load_id from raw.file_loads where file_name = ?", [file_name]).fetchone()[0]


def item(connection, file_name: str, page: int, position: int) -> dict:
    cursor = connection.execute(
        "select * from raw.release_xml_items where load_id = ? and page_number = ? and row_position = ?",
        [load_id_of(connection, file_name), page, position])
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone()))


def area(connection, file_name: str, position: int) -> dict:
    cursor = connection.execute("select * from raw.release_xml_areas where load_id = ? and row_position = ?",
                                [load_id_of(connection, file_name), position])
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone()))


def totals(connection, file_name: str) -> dict:
    rows = connection.execute(
        "select measure, value_million_yen, prior_year_value_million_yen, value_yoy_pct "
        "from raw.release_xml_totals where load_id = ?", [load_id_of(connection, file_name)]).fetchall()
    return {measure: rest for measure, *rest in rows}


# --- the shipped files -------------------------------------------------------------------------


def test_shipped_files_match_their_checksums():
    for sums in (XML_FOLDER / "SHA256SUMS", XML_FOLDER / "partial-month" / "SHA256SUMS"):
        lines = sums.read_text().splitlines()
        assert lines
        for line in lines:
            digest, name = line.split()
            assert hashlib.sha256((sums.parent / name).read_bytes()).hexdigest() == digest, name


# --- cells and dates ---------------------------------------------------------------------------


def test_cells_numbers_negatives_and_markers():
    assert parse_cell("9,187,486", "t").number == Decimal("9187486")
    assert parse_cell("△1,152,664", "t").number == Decimal("-1152664")
    assert parse_cell("-1,152,664", "t").number == Decimal("-1152664")
    assert parse_cell("-0.0", "t").number == Decimal("0.0")
    for marker in ("-", "ZENZO", "ZENGEN", "*659", ""):
        cell = parse_cell(marker, "t")
        assert (cell.number, cell.marker) == (None, marker)
    assert parse_cell(None, "t").marker == ""
    with pytest.raises(loaders.LoadError, match=r"page 3 row 1: 'ABC' is neither a number nor a known marker"):
        parse_cell("ABC", "page 3 row 1")


def test_dates_and_periods_in_both_languages():
    assert parse_release_date("February 18, 2026", "t") == (dt.date(2026, 2, 18), "en")
    assert parse_release_date("September 08, 2026", "t") == (dt.date(2026, 9, 8), "en")
    assert parse_release_date("令和 8年 8月20日", "t") == (dt.date(2026, 8, 20), "ja")
    assert parse_release_date("令和元年 5月 1日", "t") == (dt.date(2019, 5, 1), "ja")
    assert parse_period("令和 8年 7月分", "t") == ("month", dt.date(2026, 7, 1))
    assert parse_period("令和 5年", "t") == ("year", dt.date(2023, 1, 1))
    assert parse_period("2025 February", "t") == ("month", dt.date(2025, 2, 1))
    assert parse_period("January 2026", "t") == ("month", dt.date(2026, 1, 1))
    assert parse_period("2023", "t") == ("year", dt.date(2023, 1, 1))
    with pytest.raises(loaders.LoadError, match="release date"):
        parse_release_date("18/02/2026", "t")


# --- files and vintages --------------------------------------------------------------------------


def test_files_parts_dates_and_stages(loaded):
    files = {row[0]: row[1:] for row in loaded.execute("""
        select file_name, release_part, part_source, release_language, period_month, published_date
        from raw.release_xml_files inner join raw.file_loads using (load_id)
    """).fetchall()}
    assert files["press_2026014en.xml"] == (4, "pdf_href", "en", dt.date(2026, 1, 1), dt.date(2026, 2, 18))
    assert files["press_2026015en.xml"] == (5, "pdf_href", "en", dt.date(2026, 1, 1), dt.date(2026, 2, 26))
    assert files["press_2026074ja.xml"] == (4, "pdf_href", "ja", dt.date(2026, 7, 1), dt.date(2026, 8, 20))
    assert files["press_2024011en.xml"] == (1, "pdf_href", "en", dt.date(2024, 1, 1), dt.date(2024, 1, 30))
    assert files["press_2026082en.xml"] == (2, "pdf_href", "en", dt.date(2026, 8, 1), dt.date(2026, 9, 8))
    months = loaded.execute("""
        select file_name, flow, period_month, revision_stage, published_date, is_stage_inferred
        from raw.file_load_months inner join raw.file_loads using (load_id) order by file_name, flow
    """).fetchall()
    assert months == [
        ("press_2026014en.xml", "export", dt.date(2026, 1, 1), "preliminary", dt.date(2026, 2, 18), False),
        ("press_2026014en.xml", "import", dt.date(2026, 1, 1), "preliminary", dt.date(2026, 2, 18), False),
        ("press_2026015en.xml", "export", dt.date(2026, 1, 1), "export_confirmed", dt.date(2026, 2, 26), False),
        ("press_2026015en.xml", "import", dt.date(2026, 1, 1), "import_9digit_preliminary",
         dt.date(2026, 2, 26), False),
        ("press_2026074ja.xml", "export", dt.date(2026, 7, 1), "preliminary", dt.date(2026, 8, 20), False),
        ("press_2026074ja.xml", "import", dt.date(2026, 7, 1), "preliminary", dt.date(2026, 8, 20), False),
    ]  # the 64 partial-month files write no coverage rows
    kinds = loaded.execute("select distinct file_kind, source_label from raw.file_loads").fetchall()
    assert kinds == [("release_xml", "official")]


# --- pg1 ----------------------------------------------------------------------------------------


def test_pg1_totals_of_the_three_monthly_files(loaded):
    assert totals(loaded, "press_2026014en.xml") == {
        "exports": [9187486, 7865185, Decimal("16.8")],
        "imports": [10340150, 10606913, Decimal("-2.5")],
        "balance": [-1152664, -2741728, Decimal("-58.0")],
    }
    assert totals(loaded, "press_2026015en.xml")["exports"] == [9185076, 7865185, Decimal("16.8")]
    assert totals(loaded, "press_2026015en.xml")["balance"] == [-1163532, -2741728, Decimal("-57.6")]
    assert totals(loaded, "press_2026074ja.xml")["balance"] == [-634500, -156284, Decimal("306.0")]
    assert totals(loaded, "press_2026074ja.xml")["imports"] == [12146298, 9501083, Decimal("27.8")]


def test_pg1_of_every_partial_month_file_equals_index_csv(loaded):
    with open(XML_FOLDER / "partial-month" / "INDEX.csv", encoding="utf-8") as handle:
        index = list(csv.DictReader(handle))
    assert len(index) == 64
    for row in index:
        got = totals(loaded, row["file"])
        assert [got["exports"][0], got["imports"][0], got["balance"][0]] == [
            int(row["exports_million_yen"]), int(row["imports_million_yen"]), int(row["balance_million_yen"])]
        part, printed = loaded.execute(
            "select release_part, published_as_printed from raw.release_xml_files where load_id = ?",
            [load_id_of(loaded, row["file"])]).fetchone()
        assert (part, printed) == (int(row["part"]), row["published_as_printed"])
    # press_2024011en.xml prints exports 1,073,196 / 1,038,984 / 3.3 for the first 10 days
    assert totals(loaded, "press_2024011en.xml")["exports"] == [1073196, 1038984, Decimal("3.3")]
    partial_rows = loaded.execute("""
        select count(*) from raw.release_xml_areas inner join raw.release_xml_files using (load_id)
        where release_part in (1, 2)
    """).fetchone()[0]
    assert partial_rows == 0


# --- pg2 ----------------------------------------------------------------------------------------


def test_pg2_rows_markers_and_japanese_names(loaded):
    assert loaded.execute("select count(*) from raw.release_xml_areas where load_id = ?",
                          [load_id_of(loaded, "press_2026014en.xml")]).fetchone()[0] == 47
    world = area(loaded, "press_2026014en.xml", 1)
    assert (world["area_level"], world["area_name"], world["export_value_million_yen"],
            world["balance_million_yen"]) == (0, "Grand Total", 9187486, -1152664)
    thailand = area(loaded, "press_2026014en.xml", 8)
    assert (thailand["area_name"], thailand["balance_million_yen"], thailand["balance_yoy_pct"],
            thailand["balance_yoy_marker"]) == ("THAILND", 15410, None, "-")
    britain = area(loaded, "press_2026014en.xml", 27)
    assert (britain["area_name"], britain["export_value_million_yen"], britain["export_value_yoy_pct"],
            britain["import_value_yoy_pct"], britain["balance_yoy_pct"], britain["balance_yoy_marker"]) == (
        "U KING", 157998, Decimal("22.5"), Decimal("-20.2"), None, "*659")
    hong_kong = area(loaded, "press_2026074ja.xml", 4)
    assert (hong_kong["area_level"], hong_kong["area_name"], hong_kong["export_value_million_yen"],
            hong_kong["export_value_yoy_pct"], hong_kong["import_value_million_yen"],
            hong_kong["balance_million_yen"], hong_kong["balance_yoy_pct"]) == (
        2, "香港", 516675, Decimal("-7.9"), 11875, 504800, Decimal("-8.2"))
    europe = loaded.execute("""
        select row_position, area_level, export_value_million_yen, balance_yoy_pct from raw.release_xml_areas
        where load_id = ? and area_name = '中東欧・ロシア等'
    """, [load_id_of(loaded, "press_2026074ja.xml")]).fetchone()
    assert europe == (36, 1, 230496, Decimal("370.2"))


# --- pg3–pg20 -----------------------------------------------------------------------------------


def test_item_rows_values_units_and_markers(loaded):
    steel = item(loaded, "press_2026014en.xml", 3, 10)
    assert {k: steel[k] for k in ("flow", "area_code", "item_name", "release_item_code", "quantity_unit", "quantity",
                                  "quantity_base_unit", "quantity_in_base_unit", "quantity_yoy_pct",
                                  "value_million_yen", "share_pct", "value_yoy_pct", "contribution_pct_points")} == {
        "flow": "export", "area_code": "world", "item_name": "IRON AND STEEL PRODUCTS", "release_item_code": "611",
        "quantity_unit": "TMT", "quantity": 2262, "quantity_base_unit": "MT", "quantity_in_base_unit": 2262000,
        "quantity_yoy_pct": Decimal("-8.3"), "value_million_yen": 297410, "share_pct": Decimal("3.2"),
        "value_yoy_pct": Decimal("-10.7"), "contribution_pct_points": Decimal("-0.5")}
    ships_korea = item(loaded, "press_2026014en.xml", 9, 48)  # R KOREA exports: ships new this year
    assert (ships_korea["area_code"], ships_korea["release_item_code"], ships_korea["quantity"],
            ships_korea["quantity_unit"], ships_korea["quantity_yoy_marker"], ships_korea["value_million_yen"],
            ships_korea["value_yoy_pct"], ships_korea["value_yoy_marker"]) == (
        "103", "7051301", 297, "GT", "ZENZO", 120, None, "ZENZO")
    ore_eu = item(loaded, "press_2026014en.xml", 14, 10)  # EU imports of non-ferrous ore
    assert (ore_eu["flow"], ore_eu["area_code"], ore_eu["quantity_in_base_unit"], ore_eu["quantity_yoy_pct"],
            ore_eu["value_million_yen"], ore_eu["value_yoy_pct"], ore_eu["value_yoy_marker"]) == (
        "import", "eu", 1000, Decimal("2182.0"), 1155, None, "*124")
    computers_russia = item(loaded, "press_2026014en.xml", 12, 19)
    assert (computers_russia["area_code"], computers_russia["quantity"], computers_russia["quantity_marker"],
            computers_russia["value_million_yen"], computers_russia["value_marker"],
            computers_russia["value_yoy_marker"], computers_russia["contribution_pct_points"]) == (
        "224", None, "-", None, "-", "ZENGEN", Decimal("0.0"))
    organic = item(loaded, "press_2026014en.xml", 3, 6)  # no unit printed: empty quantity elements
    assert (organic["quantity_unit"], organic["quantity"], organic["quantity_marker"],
            organic["quantity_base_unit"]) == (None, None, "", None)
    gasoline_eu = item(loaded, "press_2026074ja.xml", 14, 16)
    assert (gasoline_eu["item_name"], gasoline_eu["release_item_code"], gasoline_eu["quantity_unit"],
            gasoline_eu["quantity"], gasoline_eu["quantity_in_base_unit"], gasoline_eu["quantity_base_unit"],
            gasoline_eu["quantity_yoy_marker"], gasoline_eu["value_million_yen"], gasoline_eu["value_yoy_pct"]) == (
        "（揮発油）", "3030301", "千ＫＬ", 44, 44000, "KL", "*218", 5262, Decimal("5888.3"))
    counts = loaded.execute("""
        select flow, count(distinct page_number), count(*) from raw.release_xml_items where load_id = ?
        group by flow order by flow
    """, [load_id_of(loaded, "press_2026074ja.xml")]).fetchall()
    assert counts == [("export", 9, 9 * 51), ("import", 9, 9 * 52)]


# --- pg21–pg26 ----------------------------------------------------------------------------------


def index_row(connection, file_name, page, period_label, flow):
    return connection.execute("""
        select period_kind, period_start, is_provisional, value_index, quantity_index, price_index,
               value_index_yoy_pct, quantity_index_yoy_pct, price_index_yoy_pct
        from raw.release_xml_indices
        where load_id = ? and page_number = ? and period_as_printed = ? and flow = ?
    """, [load_id_of(connection, file_name), page, period_label, flow]).fetchone()


def test_index_pages(loaded):
    world_summary = loaded.execute("""
        select area_code, is_provisional, value_index, quantity_index, price_index, value_index_yoy_pct,
               quantity_index_yoy_pct, price_index_yoy_pct
        from raw.release_xml_indices where load_id = ? and page_number = 21 and row_position = 1 and flow = 'import'
    """, [load_id_of(loaded, "press_2026014en.xml")]).fetchone()
    assert world_summary == ("world", None, Decimal("182.4"), Decimal("106.3"), Decimal("171.6"),
                             Decimal("-2.5"), Decimal("-0.5"), Decimal("-2.0"))
    assert index_row(loaded, "press_2026014en.xml", 22, "2026 January", "export") == (
        "month", dt.date(2026, 1, 1), True, Decimal("161.2"), Decimal("94.0"), Decimal("171.4"),
        Decimal("16.8"), Decimal("8.9"), Decimal("7.3"))
    # part 5 drops the export (P) of January 2026 and revises the figures
    assert index_row(loaded, "press_2026015en.xml", 22, "2026 January", "export")[2:5] == (
        False, Decimal("161.1"), Decimal("94.0"))
    assert index_row(loaded, "press_2026015en.xml", 22, "2026 January", "import")[2:4] == (True, Decimal("182.6"))
    assert index_row(loaded, "press_2026014en.xml", 23, "2026 January", "export")[3] == Decimal("139.1")
    year_2025 = index_row(loaded, "press_2026014en.xml", 22, "2025", "import")
    assert year_2025[:4] == ("year", dt.date(2025, 1, 1), True, Decimal("166.3"))
    assert index_row(loaded, "press_2026074ja.xml", 22, "令和 7年 8月", "export")[:6] == (
        "month", dt.date(2025, 8, 1), False, Decimal("147.7"), Decimal("92.2"), Decimal("160.2"))
    areas = loaded.execute("""
        select page_number, min(area_code), count(*) from raw.release_xml_indices where load_id = ?
        group by page_number order by page_number
    """, [load_id_of(loaded, "press_2026074ja.xml")]).fetchall()
    assert areas == [(21, "105", 10), (22, "world", 30), (23, "304", 30), (24, "eu", 30), (25, "asia", 30),
                     (26, "105", 30)]


# --- seeds ----------------------------------------------------------------------------------------


def test_item_name_seed_agrees_with_release_items():
    with open(PROJECT / "seeds" / "reference" / "release_items.csv", encoding="utf-8") as handle:
        names = {(r["flow"], r["release_item_code"]): r["name_ja"] for r in csv.DictReader(handle)}
    with open(PROJECT / "seeds" / "reference" / "release_xml_item_names.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 51 + 52
    for row in rows:
        printed = unicodedata.normalize("NFKC", row["printed_name_ja"])
        printed = re.sub(r"^\d ", "", printed)  # the group digit: '1 食料品'
        printed = re.sub(r"^\((.*)\)$", r"\1", printed)  # bracketed sub-items: '（ＩＣ）'
        expected = unicodedata.normalize("NFKC", names[(row["flow"], row["release_item_code"])])
        assert printed.replace("付属", "附属") == expected, row


# --- reloading and bad files ---------------------------------------------------------------------


@pytest.fixture
def connection(tmp_path):
    connection = warehouse.connect(tmp_path / "bad.duckdb")
    load_release_xml(connection, XML_FOLDER / "partial-month" / "press_2026011en.xml")
    yield connection
    connection.close()


def snapshot(connection):
    state = {}
    for table in RAW_TABLES:
        columns = [c[0] for c in connection.execute(f"describe raw.{table}").fetchall() if c[0] != "loaded_at"]
        state[table] = sorted(map(repr, connection.execute(f"select {', '.join(columns)} from raw.{table}").fetchall()))
    return state


def test_loading_the_same_bytes_twice_is_a_no_op(connection, tmp_path):
    first = load_release_xml(connection, PART4_EN)
    before = snapshot(connection)
    again = load_release_xml(connection, PART4_EN)
    copy = tmp_path / "renamed.xml"
    copy.write_bytes(PART4_EN.read_bytes())
    renamed = load_release_xml(connection, copy)
    assert (first.status, again.status, renamed.status) == ("loaded", "already_loaded", "already_loaded")
    assert again.load_id == renamed.load_id == first.load_id
    assert snapshot(connection) == before


def altered(tmp_path, source: Path, old: str, new: str, count: int = 1) -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / f"bad_{source.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize("make, message", [
    (lambda tmp: _truncated(tmp), r"bad_press_2026014en\.xml: not well-formed XML .* truncated"),
    (lambda tmp: altered(tmp, PART4_EN, "hodoxml>", "report>", 2),
     r"root element is <report>, expected <hodoxml>"),
    (lambda tmp: altered(tmp, PART4_EN, "<kagaku>297,410</kagaku>", "<kagaku>n/a</kagaku>"),
     r"bad_press_2026014en\.xml pg3 row 10 <kagaku>: 'n/a' is neither a number nor a known marker"),
    (lambda tmp: _without_page(tmp, "pg7"), r"bad_press_2026014en\.xml: page\(s\) pg7 missing"),
    (lambda tmp: altered(tmp, PART4_EN, "<shuyoshohin> IRON AND STEEL PRODUCTS</shuyoshohin>",
                         "<shuyoshohin> STEEL</shuyoshohin>"),
     r"pg3 row 10: item 'STEEL' \(level 2\) does not match .* 'IRON AND STEEL PRODUCTS'"),
    (lambda tmp: altered(tmp, PART4_EN, "<hodoxml>", '<!DOCTYPE hodoxml [<!ENTITY x "y">]><hodoxml>'),
     r"DOCTYPE or ENTITY declaration"),
    (lambda tmp: altered(tmp, PART4_JA, "<tani>千ＫＬ　　　</tani>", "<tani>バレル</tani>"),
     r"pg4 row 14 <tani>: unknown quantity unit 'バレル'"),
    (lambda tmp: altered(tmp, PART4_EN, '<pdf href="2026014e.pdf"/>', '<pdf href="2026015e.pdf"/>'),
     r"reads as part 4 but the pdf link '2026015e\.pdf' says part 5"),
])
def test_bad_files_fail_whole_and_change_nothing(connection, tmp_path, make, message):
    path = make(tmp_path)
    before = snapshot(connection)
    with pytest.raises(loaders.LoadError, match=message):
        load_release_xml(connection, path)
    assert snapshot(connection) == before


def _truncated(tmp_path: Path) -> Path:
    path = tmp_path / "bad_press_2026014en.xml"
    content = PART4_EN.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    return path


def _without_page(tmp_path: Path, page: str) -> Path:
    text = PART4_EN.read_text(encoding="utf-8")
    start = text.index(f'<shuyochiikikunihin name="{page}">')
    end = text.index("</shuyochiikikunihin>", start) + len("</shuyochiikikunihin>")
    path = tmp_path / "bad_press_2026014en.xml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_cli_loads_a_release_and_reports_a_bad_one_in_one_line(tmp_path, capsys):
    database = tmp_path / "cli.duckdb"
    assert cli.main(["load", "release", str(PART4_JA), "--database", str(database), "--label", "official"]) == 0
    assert "loaded the 2026-07 release (part 4, ja, published 2026-08-20)" in capsys.readouterr().out
    bad = altered(tmp_path, PART4_EN, "hodoxml>", "report>", 2)
    assert cli.main(["load", "release", str(bad), "--database", str(database)]) == 1
    error = capsys.readouterr().err
    assert "root element is <report>" in error and "Traceback" not in error
