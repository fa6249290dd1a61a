"""Adversarial inputs (issue 9, items 3 and 6): the right file, the right values, safe exports.

One test per probe. Each failed on the code before the change (except where a docstring says it is a
guard); expected values are written by hand from the input the test builds.
"""

from __future__ import annotations

import csv
import datetime as dt
import json

import duckdb
import pytest
from openpyxl import load_workbook

from conftest import PROJECT, estat_header, estat_row
from japan_trade import export, loaders, warehouse
from japan_trade.exchange_rates import load_exchange_rates
from japan_trade.official_series import OfficialSeriesError, parse_official_series

VINTAGE = dt.date(2026, 3, 31)


@pytest.fixture
def connection(tmp_path):
    connection = warehouse.connect(tmp_path / "test.duckdb")
    yield connection
    connection.close()


def write(folder, name, lines, encoding="ascii"):
    path = folder / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def load(connection, path, **options):
    options.setdefault("through_month", dt.date(2026, 2, 1))
    options.setdefault("vintage_date", VINTAGE)
    return loaders.load_microdata(connection, path, **options)


def rejects(connection):
    return connection.execute("select source_line, reason from raw.load_rejects order by source_line").fetchall()


def stored_codes(connection):
    return connection.execute("select distinct hs9_code from raw.customs_microdata order by 1").fetchall()


# ---------------------------------------------------------------------------
# item 3: the right file


@pytest.mark.parametrize("name, decoy", [
    ("exports[b].csv", "exportsb.csv"),   # '[b]' is a character class: the glob matches the decoy
    ("exports?.csv", "exportsX.csv"),     # '?' matches one character
    ("exports*.csv", "exports-old.csv"),  # '*' matches the decoy too
])
def test_a_file_name_with_glob_characters_loads_that_file_and_no_other(connection, tmp_path, name, decoy):
    write(tmp_path, decoy, [estat_header(), estat_row("1", "111111111", "105", [(0, 1, 1)])])
    path = write(tmp_path, name, [estat_header(), estat_row("1", "222222222", "105", [(0, 2, 2)])])
    result = load(connection, path)
    assert (result.status, result.data_rows, result.rejected_rows) == ("loaded", 1, 0)
    assert stored_codes(connection) == [("222222222",)]
    assert connection.execute("select file_name from raw.file_loads").fetchall() == [(name,)]


def test_a_quote_in_the_file_name_is_only_a_name(connection, tmp_path):
    """Guard: the old code escaped quotes before building SQL from the path; now no path reaches SQL."""
    path = write(tmp_path, "it's'); drop table raw.file_loads; --.csv",
                 [estat_header(), estat_row("1", "222222222", "105", [(0, 2, 2)])])
    assert load(connection, path).status == "loaded"
    assert stored_codes(connection) == [("222222222",)]


def test_a_directory_a_missing_path_and_an_empty_file_are_one_clean_error(connection, tmp_path):
    folder = tmp_path / "a_folder_2026_02"
    folder.mkdir()
    empty = write(tmp_path, "empty_2026_02.csv", [])
    empty.write_bytes(b"")
    for loader in (load, loaders.load_official_series, load_exchange_rates):
        with pytest.raises(loaders.LoadError, match="is a directory, not a file"):
            loader(connection, folder)
        with pytest.raises(loaders.LoadError, match="no such file"):
            loader(connection, tmp_path / "missing.csv")
        with pytest.raises(loaders.LoadError, match="the file is empty"):
            loader(connection, empty)
    with pytest.raises(loaders.LoadError, match="is a directory, not a file"):
        loaders.load_manifest(connection, folder, progress=None)
    assert connection.execute("select count(*) from raw.file_loads").fetchone() == (0,)


def test_cp932_bytes_in_a_data_row_become_a_reject_with_the_line(connection, tmp_path, good_rows):
    bad = estat_row("1", "333333333", "105", [(0, 1, 1)], unit2="ＫＧ")  # full-width 'KG' in cp932
    path = write(tmp_path, "cp932.csv", [estat_header(), *good_rows, bad], encoding="cp932")
    result = load(connection, path)
    assert (result.status, result.rejected_rows, result.data_rows) == ("loaded", 1, 21)
    assert rejects(connection) == [(22, "not ASCII/UTF-8 text: byte 0x82 at position 27 "
                                        "(e-Stat microdata is plain ASCII; re-download the file)")]


# ---------------------------------------------------------------------------
# item 3: the right values


def test_a_duplicate_that_differs_only_in_quoting_is_rejected(connection, tmp_path, good_rows):
    first = estat_row("1", "444444444", "'108'", [(0, 1, 10)])
    second = estat_row("1", "444444444", "108", [(0, 1, 99)])
    result = load(connection, write(tmp_path, "quoting.csv", [estat_header(), *good_rows, first, second]))
    assert result.rejected_rows == 1
    assert rejects(connection) == [(23, "duplicate of line 22 (same flow, code and country)")]
    assert connection.execute("""select country_code, value_thousand_yen from raw.customs_microdata
                                 where hs9_code = '444444444'""").fetchall() == [("108", 10)]


def test_a_country_with_one_quote_is_rejected(connection, tmp_path, good_rows):
    row = estat_row("1", "444444444", "'108", [(0, 1, 10)])
    load(connection, write(tmp_path, "half_quoted.csv", [estat_header(), *good_rows, row]))
    assert rejects(connection) == [(22, "country code '108 is not 3 digits")]


@pytest.mark.parametrize("value, reason", [
    ("-100", "negative value (never negative in these files) in {}: -100"),
    ("12345678901234567890", "20-digit value (at most 18 digits) in {}: 12345678901234567890"),
    ("1E+3", "number in exponent notation in {}: 1E+3"),
    ("100.5", "decimal value where an integer is expected in {}: 100.5"),
])
def test_a_negative_huge_exponent_or_decimal_microdata_figure_is_rejected_naming_the_column(
        connection, tmp_path, good_rows, value, reason):
    # the year total equals January, so only the number rule can reject the row
    row = estat_row("1", "555555555", "105", [(0, 1, 7)]).replace(",0,1,7,0,1,7,", f",0,1,{value},0,1,{value},")
    assert f",{value},0,1,{value}," in row
    result = load(connection, write(tmp_path, "numbers.csv", [estat_header(), *good_rows, row]))
    assert (result.status, result.rejected_rows) == ("loaded", 1)
    # one phrase per bad cell: the year total and January
    assert rejects(connection) == [(22, f"{reason.format('Value-Year')}; {reason.format('Value-Jan')}")]
    assert ("555555555",) not in stored_codes(connection)


def d41ma_lines():
    return (PROJECT / "data/official/d41ma.csv").read_text("utf-8").splitlines()


def test_a_d41ma_month_listed_twice_is_rejected_naming_the_first_line(connection, tmp_path):
    lines = d41ma_lines()
    january = lines.index(next(line for line in lines if line.startswith("2026/01,")))
    lines.insert(january + 1, "2026/01,1 ,2 ")
    series = parse_official_series(write(tmp_path, "d41ma.csv", lines, "utf-8"))
    assert [(r.source_line, r.reason) for r in series.rejects] == [
        (january + 2, f"duplicate of line {january + 1} (month 2026/01 appears twice)")]
    assert [r.value_thousand_yen for r in series.rows
            if r.period_month == dt.date(2026, 1, 1) and r.flow == "export"] == [9_185_075_620]


def test_a_d51ma_month_twice_and_an_item_column_twice_are_refused(tmp_path):
    lines = (PROJECT / "data/official/d51ma.csv").read_text("utf-8").splitlines()
    twice = [*lines[:8], lines[7], *lines[8:]]
    series = parse_official_series(write(tmp_path, "d51ma.csv", twice, "utf-8"))
    assert [(r.source_line, r.reason) for r in series.rejects] == [
        (9, "duplicate of line 8 (month 1988/01 appears twice)")]
    codes = lines[4].split(",")
    codes[4] = codes[2]  # '0' → '0'+'1' again
    with pytest.raises(OfficialSeriesError, match=r"line 5: principal-commodity code 0\+1 heads columns 3 and 5"):
        parse_official_series(write(tmp_path, "d51ma.csv", [*lines[:4], ",".join(codes), *lines[5:]], "utf-8"))


@pytest.mark.parametrize("cell, reason", [
    ("-1192541404 ", "negative value (never negative in these files) in Exp-Total: -1192541404"),
    ("12345678901234567890 ", "20-digit value (at most 18 digits) in Exp-Total: 12345678901234567890"),
    ("1.2E+9 ", "number in exponent notation in Exp-Total: 1.2E+9"),
])
def test_a_negative_or_huge_d41ma_value_is_rejected_and_loading_stays_clean(connection, tmp_path, cell, reason):
    lines = d41ma_lines()
    lines[4] = f"1979/01,{cell},1476341312 "
    path = write(tmp_path, "d41ma.csv", lines, "utf-8")
    result = loaders.load_official_series(connection, path, vintage_date=dt.date(2026, 9, 17))
    assert (result.status, result.rejected_rows) == ("loaded", 1)
    assert rejects(connection) == [(5, reason)]
    assert connection.execute("""select count(*) from raw.official_series
                                 where period_month = '1979-01-01'""").fetchone() == (0,)


def test_a_d51ma_negative_quantity_is_rejected(tmp_path):
    lines = (PROJECT / "data/official/d51ma.csv").read_text("utf-8").splitlines()
    cells = lines[7].split(",")
    assert cells[12] == "25097 "  # quantity (MT) of principal commodity 4, January 1988
    cells[12] = "-25097 "
    series = parse_official_series(write(tmp_path, "d51ma.csv", [*lines[:7], ",".join(cells), *lines[8:]], "utf-8"))
    assert [(r.source_line, r.reason) for r in series.rejects] == [
        (8, "negative value (never negative in these files) in 4 数量: -25097")]


@pytest.mark.parametrize("rate, reason", [
    ("1.5E+2", "rate '1.5E+2': number in exponent notation"),
    ("150.12345", "rate '150.12345': more than 4 decimals"),
    ("-150.5", "rate '-150.5': negative value (never negative in these files)"),
    ("0", "rate '0' is not positive"),
])
def test_a_rate_in_exponent_notation_or_with_too_many_decimals_is_rejected(connection, tmp_path, rate, reason):
    sundays = [dt.date(2026, 1, 4) + dt.timedelta(days=7 * n) for n in range(20)]
    good = [f"{sunday},USD,150.{n:02d}" for n, sunday in enumerate(sundays)]
    path = write(tmp_path, "rates.csv", ["week_start,currency,yen_per_unit", *good, f"2026-08-02,USD,{rate}"])
    result = load_exchange_rates(connection, path)
    assert (result.status, result.rejected_rows, result.stored_cells) == ("loaded", 1, 20)
    assert rejects(connection) == [(22, reason)]


def test_a_rate_week_and_currency_twice_is_rejected_naming_the_first_line(connection, tmp_path):
    sundays = [dt.date(2026, 1, 4) + dt.timedelta(days=7 * n) for n in range(20)]
    good = [f"{sunday},USD,150.{n:02d}" for n, sunday in enumerate(sundays)]
    path = write(tmp_path, "rates.csv", ["week_start,currency,yen_per_unit", *good, "2026-01-04,USD,99.00"])
    result = load_exchange_rates(connection, path)
    assert (result.rejected_rows, result.stored_cells) == (1, 20)
    assert rejects(connection) == [(22, "duplicate of line 2 (same week and currency)")]
    assert connection.execute("""select yen_per_unit from raw.exchange_rates_weekly
                                 where week_start = '2026-01-04'""").fetchone()[0] == pytest.approx(150.00)


# ---------------------------------------------------------------------------
# item 6: exports are safe

DANGEROUS = ['=HYPERLINK("http://example.com","x")', "+1+2", "-2+3", "@SUM(A1)", "\tlabel", "\rlabel"]


@pytest.fixture
def small_warehouse(tmp_path):
    """A warehouse with one tiny mart: dangerous labels beside a negative balance (a number)."""
    database = tmp_path / "small.duckdb"
    connection = duckdb.connect(str(database))
    connection.execute("create table fct_labels (label varchar, balance_thousand_yen bigint, share double)")
    connection.executemany("insert into fct_labels values (?, ?, ?)",
                           [(text, -5 - n, -0.25) for n, text in enumerate(DANGEROUS)] + [("plain", 7, 0.5)])
    connection.close()
    return database


def test_xlsx_export_writes_formula_like_strings_as_text_and_numbers_as_numbers(small_warehouse, tmp_path):
    export.export_marts(small_warehouse, "xlsx", tmp_path / "out", progress=lambda _: None)
    sheet = load_workbook(tmp_path / "out" / "japan_trade_marts.xlsx")["fct_labels"]
    rows = list(sheet.iter_rows(min_row=2))
    # XML reads a carriage return back as a line feed; the cell is still text, not a formula
    assert [(row[0].value, row[0].data_type, row[0].quotePrefix) for row in rows[:len(DANGEROUS)]] == [
        (text.replace("\r", "\n"), "s", True) for text in DANGEROUS]
    assert (rows[-1][0].value, rows[-1][0].quotePrefix) == ("plain", False)
    assert [(row[1].value, row[1].data_type) for row in rows[:2]] == [(-5, "n"), (-6, "n")]
    assert (rows[0][2].value, rows[0][2].data_type) == (-0.25, "n")


def test_csv_export_prefixes_formula_like_strings_with_a_quote_and_leaves_numbers(small_warehouse, tmp_path):
    export.export_marts(small_warehouse, "csv", tmp_path / "out", progress=lambda _: None)
    with open(tmp_path / "out" / "fct_labels.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["label", "balance_thousand_yen", "share"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in DANGEROUS] + ["plain"]
    assert [row[1] for row in rows[1:3]] == ["-5", "-6"] and rows[1][2] == "-0.25"


@pytest.mark.parametrize("folder", ["x'; select 1; --", "a[b]*"])
@pytest.mark.parametrize("output_format", ["parquet", "csv"])
def test_an_out_folder_with_a_quote_or_glob_characters_is_only_a_folder(small_warehouse, tmp_path, folder,
                                                                       output_format):
    out = tmp_path / folder
    manifest = json.loads(export.export_marts(small_warehouse, output_format, out, progress=lambda _: None)
                          .read_text())
    assert sorted(p.name for p in out.iterdir()) == sorted(["manifest.json", f"fct_labels.{output_format}"])
    assert manifest["marts"][0]["rows"] == 7
    if output_format == "parquet":
        import pyarrow.parquet as pq
        assert pq.read_table(out / "fct_labels.parquet").column("balance_thousand_yen").to_pylist()[:2] == [-5, -6]


def test_an_xlsx_mart_over_the_row_limit_is_refused_naming_it(small_warehouse, tmp_path, monkeypatch):
    """Guard (the cap existed): the message names the mart and suggests parquet or csv; nothing is written."""
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 6)
    with pytest.raises(export.ExportError, match=r"fct_labels \(7 rows\).*parquet or csv"):
        export.export_marts(small_warehouse, "xlsx", tmp_path / "out", progress=lambda _: None)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("cell", ["12", " 12 ", "12\u3000", "\u00a012", "１２", "12\t", "0012", "-0", "+12", ""])
def test_the_sql_check_and_the_python_parser_apply_one_number_rule(cell):
    """The microdata loader's SQL check (trim of spaces, COUNT_PATTERN) accepts exactly what
    numbers.parse_count accepts: ASCII digits with ASCII spaces around, nothing else."""
    from japan_trade.numbers import COUNT_PATTERN, parse_count
    in_sql = duckdb.connect().execute(f"select regexp_full_match(trim(?, ' '), '{COUNT_PATTERN}')",
                                      [cell]).fetchone()[0]
    try:
        parse_count(cell, "column")
        in_python = True
    except ValueError:
        in_python = False
    assert in_sql == in_python == (cell in ("12", " 12 ", "0012"))


def test_a_full_width_space_in_a_figure_is_rejected_in_microdata_and_official_series(connection, tmp_path,
                                                                                    good_rows):
    row = estat_row("1", "555555555", "105", [(0, 1, 7)]).replace(",0,1,7,0,1,7,", ",0,1,7,0,1,7\u3000,")
    load(connection, write(tmp_path, "space.csv", [estat_header(), *good_rows, row], encoding="utf-8"))
    assert rejects(connection) == [(22, "non-numeric value in Value-Jan: 7\u3000")]
    lines = d41ma_lines()
    lines[4] = "1979/01,1192541404\u3000,1476341312 "
    series = parse_official_series(write(tmp_path, "d41ma.csv", lines, "utf-8"))
    assert [(r.source_line, r.reason) for r in series.rejects] == [(5, "non-numeric value in Exp-Total: 1192541404\u3000")]


def test_a_manifest_with_a_bad_vintage_date_is_one_clean_error(connection, tmp_path, good_rows):
    write(tmp_path, "good_2026_02.csv", [estat_header(), *good_rows])
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"files": [{"path": "good_2026_02.csv", "kind": "customs_by_country",
                                               "vintage_date": "31/03/2026"}]}))
    with pytest.raises(loaders.LoadError, match=r"manifest.json: vintage_date '31/03/2026' of good_2026_02.csv "
                                                r"is not a date YYYY-MM-DD"):
        loaders.load_manifest(connection, manifest, progress=None)
    manifest.write_text("{not json")
    with pytest.raises(loaders.LoadError, match="not a JSON manifest"):
        loaders.load_manifest(connection, manifest, progress=None)


def test_a_nul_byte_in_a_data_row_becomes_a_reject_with_the_line(connection, tmp_path, good_rows):
    bad = estat_row("1", "333333333", "105", [(0, 1, 1)], unit2="K\x00G")
    result = load(connection, write(tmp_path, "nul.csv", [estat_header(), *good_rows, bad]))
    assert (result.rejected_rows, result.data_rows) == (1, 21)
    assert rejects(connection) == [(22, "control character 0x00 at position 28")]
    assert connection.execute("select raw_text from raw.load_rejects").fetchone()[0] == bad.replace("\x00", "\ufffd")
