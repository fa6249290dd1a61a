"""What the release page gains from the release XML: the 47-row area/country table (page 2), the
commodity tables of the world and the 8 areas (pages 3–20), the published indices beside ours (page 21)
and, for a month with only first-10 / 20-days figures, the early page.

Expected values are literals read off the MOF files (data/official/release-xml/press_2026014en.xml for
January 2026 as first published on 2026-02-18; partial-month/press_202602{1,2}en.xml for February 2026),
never taken from the code under test. The English page prints negatives with '-' as the XML does; the
Japanese page with ▲.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT
from test_release import JANUARY_2026, _Audit, render

# page 2 of press_2026014en.xml, top to bottom (chiikikuni, C&amp;E EURO unescaped)
PAGE_2_NAMES = [
    "Grand Total", "ASIA", "CHINA", "HG KONG", "TAIWAN", "R KOREA", "SNGAPOR", "THAILND", "MALYSIA", "INDNSIA",
    "PHILPIN", "VIETNAM", "INDIA", "(ASEAN)", "OCEANIA", "AUSTRAL", "NEWZELD", "NORTH AMERICA", "USA", "CANADA",
    "MIDDLE SOUTH AMERICA", "BRAZIL", "MEXICO", "CHILE", "WESTERN EUROPE", "GERMANY", "U KING", "FRANCE",
    "NETHLDS", "ITALY", "BELGIUM", "SWITZLD", "SWEDEN", "IRELAND", "SPAIN", "C&E EURO", "RUSSIA", "(EU)",
    "MIDDLE EAST", "U ARB E", "SU ARAB", "KUWAIT", "QATAR", "OMAN", "IRAN", "AFRICA", "S AFRCA"]
# rows of page 2: exportkagakue, exportnobiritsu, importkagakue, importnobiritsu, sashihikikagakue, sashihikinobiritsu
PAGE_2_ROWS = {
    "Grand Total": ["9,187,486", "16.8", "10,340,150", "-2.5", "-1,152,664", "-58.0"],
    "USA": ["1,462,093", "-5.0", "1,095,098", "3.0", "366,995", "-23.0"],
    "(ASEAN)": ["1,354,420", "9.3", "1,613,680", "-4.7", "-259,260", "-42.8"],
    "C&E EURO": ["149,937", "19.2", "190,133", "5.0", "-40,196", "-27.3"],
    "SU ARAB": ["70,326", "-14.8", "534,532", "23.8", "-464,206", "33.0"],
    "THAILND": ["348,571", "12.2", "333,161", "-0.7", "15,410", "-"],          # '-': the balance changed sign
    "(EU)": ["847,376", "29.6", "1,049,769", "-0.7", "-202,393", "-49.8"],
    "IRAN": ["166", "-45.2", "136", "-58.4", "30", "-"],
}


def _cells(line: str) -> list[str]:
    return [cell.strip().strip("\u3000\u00a0").strip() for cell in line.strip().strip("|").split("|")]


def table_rows(text: str, heading: str) -> list[list[str]]:
    """The data rows of the first Markdown table after `heading` (a heading line or a table caption)."""
    section = text.split(heading, 1)[1]
    block = []
    for line in section.splitlines()[1:]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            break
    assert block, heading
    return [_cells(line) for line in block[2:]]          # skip header and alignment rows


@pytest.fixture(scope="module")
def page_en(demo_warehouses) -> str:
    return render(demo_warehouses["as_of"], lang="en")


@pytest.fixture(scope="module")
def page_ja(demo_warehouses) -> str:
    return render(demo_warehouses["as_of"], lang="ja")


# ---------------------------------------------------------------- page 2: the area/country table


def test_area_table_has_the_47_rows_of_page_2_in_order(page_en):
    rows = table_rows(page_en, "## Value of exports and imports by area (country)")
    assert [row[0] for row in rows] == PAGE_2_NAMES


def test_area_table_figures_equal_page_2(page_en):
    rows = {row[0]: row[1:] for row in table_rows(page_en, "## Value of exports and imports by area (country)")}
    for name, printed in PAGE_2_ROWS.items():
        assert rows[name] == printed, name


def test_area_table_in_japanese(page_ja):
    rows = {row[0]: row[1:] for row in table_rows(page_ja, "## ●地域（国）別輸出入")}
    assert len(rows) == 47
    assert rows["アメリカ合衆国"] == ["1,462,093", "▲5.0", "1,095,098", "3.0", "366,995", "▲23.0"]
    assert rows["(ＡＳＥＡＮ)"] == ["1,354,420", "9.3", "1,613,680", "▲4.7", "▲259,260", "▲42.8"]
    assert rows["中東欧・ロシア等"] == ["149,937", "19.2", "190,133", "5.0", "▲40,196", "▲27.3"]
    assert rows["サウジアラビア"] == ["70,326", "▲14.8", "534,532", "23.8", "▲464,206", "33.0"]
    # countries are indented under their area (one ideographic space), areas are not
    assert "| 　アメリカ合衆国 |" in page_ja and "| 北米 |" in page_ja


def test_area_table_without_figures_prints_dashes_and_says_so_once(real_warehouse):
    """No by-country figures for December 2025 (official series, world-level microdata and the January
    2026 release XMLs): the world row has its figures, the 46 others print '-' and one note says why."""
    text = render(real_warehouse, dt.date(2025, 12, 1), "ja")
    rows = table_rows(text, "## ●地域（国）別輸出入")
    assert len(rows) == 47 and rows[0][0] == "総額" and rows[0][1] != "-"
    assert all(row[1:] == ["-"] * 6 for row in rows[1:])
    assert text.count("この月の数値がない地域（国）は金額・伸び率とも「-」") == 1


# ---------------------------------------------------------------- pages 3–20: the commodity tables


def test_world_exports_commodity_rows_equal_page_3(page_en):
    rows = {row[0]: row[1:] for row in table_rows(page_en, "### Exports by principal commodity (WORLD)")}
    assert len(rows) == 51                                     # the 51 rows of page 3
    # Grand Total: 9,187,486 100.0 16.8 16.8
    assert rows["Total"] == ["", "", "9,187,486", "100.0", "16.8", "16.8"]
    # ' IRON AND STEEL PRODUCTS' TMT 2,262 (-8.3) 297,410 3.2 -10.7 -0.5: 2,262 thousand MT printed in MT
    assert rows["Iron and steel products"] == ["MT", "2,262,000", "297,410", "3.2", "-10.7", "-0.5"]
    # ' (IC)' MNO 6,933 463,804 5.0 40.6 1.7: 6,933 million pieces
    assert rows["Integrated circuits"] == ["NO", "6,933,000,000", "463,804", "5.0", "40.6", "1.7"]
    # ' SHIPS' GT 1,022,502 170,923 1.9 -6.8 -0.2
    assert rows["Ships"][:2] == ["GT", "1,022,502"] and rows["Ships"][2:] == ["170,923", "1.9", "-6.8", "-0.2"]


def test_usa_exports_grand_total_equals_page_5(page_en):
    rows = table_rows(page_en, "### Exports by principal commodity (USA)")
    assert rows[0] == ["Total", "", "", "1,462,093", "100.0", "-5.0", "-5.0"]   # pg5 Grand Total
    # pg5 ' MOTOR VEHICLES' NO 97,127 395,463 27.0 -9.9 -2.8
    assert ["Motor vehicles", "NO", "97,127", "395,463", "27.0", "-9.9", "-2.8"] in rows


def test_middle_east_imports_in_japanese_equal_page_19(page_ja):
    rows = {row[0]: row[1:] for row in table_rows(page_ja, "### 主要商品別輸入（中東）")}
    # pg19 Grand Total 1,036,443 100.0 -14.5 -14.5; ' PETROLEUM' TKL 12,635 831,707 80.2 -12.8 -10.0
    assert rows["総額"] == ["", "", "1,036,443", "100.0", "▲14.5", "▲14.5"]
    assert rows["原油及び粗油"] == ["KL", "12,635,000", "831,707", "80.2", "▲12.8", "▲10.0"]


def test_eighteen_commodity_tables_world_then_areas(page_ja):
    titles = re.findall(r"^### (主要商品別輸[出入]（.+?）)$", page_ja, flags=re.M)
    assert titles[:2] == ["主要商品別輸出（世界）", "主要商品別輸入（世界）"]
    assert len(titles) == 18 and len(set(titles)) == 18


# ---------------------------------------------------------------- page 21: the published indices


def test_published_indices_beside_ours(page_en):
    rows = table_rows(page_en, "## Indices of trade (2020 = 100)")
    by_area = {(row[0], row[1]): row[2:] for row in rows}
    assert len(rows) == 10
    # pg21 WORLD: exports value 161.2, quantity 94.0, price 171.4; imports 182.4 / 106.3 / 171.6 (all (P))
    world_exports, world_imports = by_area[("World", "Exports")], by_area[("World", "Imports")]
    assert [world_exports[i] for i in (0, 3, 6)] == ["(P) 161.2", "(P) 94.0", "(P) 171.4"]
    assert [world_imports[i] for i in (0, 3, 6)] == ["(P) 182.4", "(P) 106.3", "(P) 171.6"]
    # pg21 CHINA exports 123.3 / 70.1 / 175.9
    assert [by_area[("China", "Exports")][i] for i in (0, 3, 6)] == ["(P) 123.3", "(P) 70.1", "(P) 175.9"]
    for cells in by_area.values():                       # ours and the difference are numbers beside them
        assert re.fullmatch(r"\d+\.\d", cells[1]) and re.fullmatch(r"[+-]?\d+\.\d", cells[2])


# ---------------------------------------------------------------- HTML


def test_html_page_keeps_escaping_and_stays_self_contained(demo_warehouses):
    page = render(demo_warehouses["as_of"], lang="en", output_format="html")
    audit = _Audit()
    audit.feed(page)
    assert audit.external == [] and "<script" not in page.lower() and " src=" not in page
    assert page.count("<details>") == 18 and page.count("</details>") == 18      # one per commodity table
    assert "<td>C&amp;E EURO</td>" in page and "C&E EURO" not in page            # the data string is escaped
    assert "<summary>Exports by principal commodity (USA)</summary>" in page


# ---------------------------------------------------------------- the early page


@pytest.fixture(scope="module")
def early_warehouse(demo_warehouses, tmp_path_factory) -> Path:
    """The as-of-2026-02-18 demo warehouse with the marts the early page reads (fct_trade_partial_month,
    dim_build_vintage and what they select from) rebuilt as of 2026-03-10: February 2026 then has its first
    10 and 20 days (published 2026-02-26 and 2026-03-06) and no full month yet (published in mid-March)."""
    work = tmp_path_factory.mktemp("early")
    database, source = work / "early.duckdb", Path(demo_warehouses["as_of"])
    shutil.copy(source, database)
    raw_store = source.with_name(f"{source.stem}.raw.duckdb")      # the loaders' store, where the layout has one
    if raw_store.exists():
        shutil.copy(raw_store, database.with_name(f"{database.stem}.raw.duckdb"))
    dbt = Path(sys.executable).with_name("dbt")
    environment = dict(os.environ, JAPAN_TRADE_DUCKDB=str(database), DBT_TARGET_PATH=str(work / "target"))
    environment.pop("JAPAN_TRADE_RAW_DUCKDB", None)
    result = subprocess.run(
        [str(dbt) if dbt.exists() else "dbt", "run", "--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT),
         "-s", "+fct_trade_partial_month", "+dim_build_vintage", "--vars", '{"as_of": "2026-03-10"}'],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]
    return database


def _release_command(database: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "japan_trade.cli", "release", "--month", "2026-02", "--database", str(database),
         *arguments], capture_output=True, text=True,
        env={"PYTHONPATH": str(PROJECT / "scripts"), "PATH": "/usr/bin:/bin"})


def test_early_page_for_a_month_with_only_partial_figures(early_warehouse):
    result = _release_command(early_warehouse)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# 令和8年2月分貿易統計（上中旬速報）")
    assert "推計値は本プロジェクトによるもので、財務省の公表値ではない" in text
    rows = {row[0]: row[1:] for row in table_rows(text, "## ●期間の総額")}
    # press_2026021en.xml (February 26, 2026): exports 3,339,707 +6.0, imports 3,736,526 +23.3
    assert rows["上旬（1日～10日）"] == ["2026-02-26", "3,339,707", "6.0", "3,736,526", "23.3", "▲396,819"]
    # press_2026022en.xml (March 06, 2026): 6,492,358 +1.1, 7,350,345 +17.7, balance △857,987
    assert rows["上中旬（1日～20日）"] == ["2026-03-06", "6,492,358", "1.1", "7,350,345", "17.7", "▲857,987"]
    estimates = table_rows(text, "## ●月間の推計値")
    assert [row[0] for row in estimates] == ["上旬（1日～10日）", "上中旬（1日～20日）"]
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})+", cell) for row in estimates for cell in row[1:3])


def test_early_page_in_english_html(early_warehouse):
    result = _release_command(early_warehouse, "--lang", "en", "--format", "html")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert "Trade Statistics for February 2026 (first 20 days, provisional)" in page
    assert "the full-month estimate is this project&#x27;s, not MOF&#x27;s" in page
    assert "<td>6,492,358</td>" not in page and '<td class="num">6,492,358</td>' in page
    audit = _Audit()
    audit.feed(page)
    assert audit.external == []
