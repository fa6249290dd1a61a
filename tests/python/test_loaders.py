"""Loader behaviour on good and bad input (docs/decisions/loading.md).

Outcomes: malformed rows → raw.load_rejects with file, line, raw text and reason, the rest loaded;
a malformed file → LoadError naming file and line, nothing written; the same file again → no-op.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import estat_header, estat_row
from japan_trade import loaders, warehouse

VINTAGE = dt.date(2026, 3, 31)
RAW_TABLES = ("file_loads", "file_load_months", "customs_microdata", "official_series", "exchange_rates_weekly",
              "load_rejects")


@pytest.fixture
def connection(tmp_path):
    connection = warehouse.connect(tmp_path / "test.duckdb")
    yield connection
    connection.close()


def snapshot(connection):
    """Every raw row (timestamps dropped), to prove a failed load changed nothing."""
    state = {}
    for table in RAW_TABLES:
        columns = [c[0] for c in connection.execute(f"describe raw.{table}").fetchall()
                   if c[0] not in ("loaded_at", "rejected_at")]
        state[table] = sorted(map(repr, connection.execute(
            f"select {', '.join(columns)} from raw.{table}").fetchall()))
    return state


def write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def load(connection, path, **options):
    options.setdefault("through_month", dt.date(2026, 2, 1))
    options.setdefault("vintage_date", VINTAGE)
    return loaders.load_microdata(connection, path, **options)


@pytest.fixture
def loaded(connection, tmp_path, good_rows):
    """A warehouse holding one good file, and its snapshot."""
    result = load(connection, write(tmp_path, "base.csv", [estat_header(), *good_rows]))
    assert result.status == "loaded" and result.rejected_rows == 0
    return snapshot(connection)


def test_good_file_is_stored_long_with_stage_and_publication_date(connection, tmp_path):
    rows = [estat_header(),
            estat_row("2", "000000099", "105", [(0, 7, 70), (0, 0, 0)]),          # a 00-code is kept
            estat_row("2", "27XXXXXXB", "304", [(0, 1, 5), (0, 2, 6)]),            # a masked code is kept
            estat_row("2", "010121210", "103", [(0, 0, 900), (0, 3, 30)], unit2="NO")]  # zero quantity, value > 0
    result = load(connection, write(tmp_path, "imports.csv", rows))
    assert (result.status, result.data_rows, result.rejected_rows, result.stored_cells) == ("loaded", 3, 0, 5)
    stored = connection.execute("""
        select hs9_code, country_code, period_month, quantity2, value_thousand_yen, unit1, unit2
        from raw.customs_microdata order by hs9_code, period_month""").fetchall()
    assert stored[0] == ("000000099", "105", dt.date(2026, 1, 1), 7, 70, None, "KG")
    assert ("010121210", "103", dt.date(2026, 1, 1), 0, 900, None, "NO") in stored
    assert any(row[0] == "27XXXXXXB" for row in stored)
    months = connection.execute(
        "select period_month, revision_stage, published_date from raw.file_load_months order by 1").fetchall()
    # vintage 2026-03-31: January imports are 輸入確報 (end of March), February 9-digit preliminary (end of March)
    assert months == [(dt.date(2026, 1, 1), "import_confirmed", dt.date(2026, 3, 31)),
                      (dt.date(2026, 2, 1), "import_9digit_preliminary", dt.date(2026, 3, 31))]


def test_trailing_zero_months_are_not_data_and_figures_after_the_declared_month_are_rejected(
        connection, tmp_path, good_rows):
    rows = [estat_header(), *good_rows, estat_row("1", "999999999", "105", [(0, 1, 1), (0, 1, 1), (0, 9, 9)])]
    result = load(connection, write(tmp_path, "exports.csv", rows))
    assert result.months == ["2026-01", "2026-02"]
    assert connection.execute("select max(period_month) from raw.customs_microdata").fetchone()[0] == dt.date(2026, 2, 1)
    reason = connection.execute("select reason from raw.load_rejects").fetchone()[0]
    assert reason == "non-zero figures after the declared last published month 2026-02"


def test_april_spelled_apl_is_accepted(connection, tmp_path, good_rows):
    rows = [estat_header(april="Apl"), *good_rows]
    assert load(connection, write(tmp_path, "apl.csv", rows)).status == "loaded"


@pytest.mark.parametrize("broken_row, reason", [
    ("truncated", "expected 45 fields, found 20 (truncated or extra fields)"),
    ("non_numeric", "non-numeric value in Value-Feb: 5OO"),
    ("unknown_flow", "unknown flow 3 in column Exp or Imp (1 = export, 2 = import)"),
    ("duplicate", "duplicate of line 2 (same flow, code and country)"),
    ("year_total", "year total differs from the sum of the months"),
])
def test_malformed_row_goes_to_rejects_and_the_rest_loads(connection, tmp_path, good_rows, broken_row, reason):
    row = estat_row("1", "847130000", "304", [(0, 1, 100), (0, 1, 500)])
    bad = {
        "truncated": ",".join(row.split(",")[:20]),
        "non_numeric": row.rsplit(",", 31)[0] + ",5OO," + ",".join(row.rsplit(",", 30)[1:]),
        "unknown_flow": "3" + row[1:],
        "duplicate": good_rows[0],
        "year_total": row.replace(",600,", ",601,", 1),
    }[broken_row]
    path = write(tmp_path, "with_bad_row.csv", [estat_header(), *good_rows, bad])
    result = load(connection, path)
    assert (result.status, result.rejected_rows) == ("loaded", 1)
    assert connection.execute("select count(distinct source_line) from raw.customs_microdata").fetchone()[0] == 20
    rejects = connection.execute("select file_name, source_line, raw_text, reason from raw.load_rejects").fetchall()
    assert rejects == [("with_bad_row.csv", 22, bad, reason)]


@pytest.mark.parametrize("case, message", [
    ("wrong_header", "line 1: not an e-Stat"),
    ("customs_office_layout", "unexpected column(s) Custom"),
    ("too_many_bad_rows", "rows are malformed"),
    ("no_rows", "no data rows"),
])
def test_malformed_file_fails_whole_and_changes_nothing(connection, tmp_path, good_rows, loaded, case, message):
    header = estat_header()
    lines = {
        "wrong_header": [header.replace("Value-Mar", "Valeur-Mar"), *good_rows],
        "customs_office_layout": [header.replace("HS,", "Custom,HS,"), *good_rows],
        "too_many_bad_rows": [header, *good_rows[:10], *[r.replace("'", "") for r in good_rows[10:]]],
        "no_rows": [header],
    }[case]
    with pytest.raises(loaders.LoadError, match=message.replace("(", r"\(").replace(")", r"\)")) as error:
        load(connection, write(tmp_path, f"{case}.csv", lines))
    assert f"{case}.csv" in str(error.value)
    assert snapshot(connection) == loaded


def test_same_file_twice_is_a_no_op(connection, tmp_path, good_rows, loaded):
    path = tmp_path / "base.csv"
    result = load(connection, path)
    assert result.status == "already_loaded" and "nothing changed" in result.message
    assert snapshot(connection) == loaded


def test_unknown_last_month_is_refused_with_what_to_do(connection, tmp_path, good_rows):
    path = write(tmp_path, "no_month_in_name.csv", [estat_header(), *good_rows])
    with pytest.raises(loaders.LoadError, match="pass --through"):
        loaders.load_microdata(connection, path, vintage_date=VINTAGE)


def test_stages_from_an_estat_title():
    last, stages = loaders.stages_from_title("2026年7月分 統計品別表 (輸入 1-6月：確報、7月：輸入9桁速報)", "import")
    assert last == dt.date(2026, 7, 1)
    assert stages == {**{m: "import_confirmed" for m in range(1, 7)}, 7: "import_9digit_preliminary"}


def test_official_series_load_and_reload(connection, project):
    result = loaders.load_official_series(connection, project / "data/official/d41ma.csv",
                                          vintage_date=dt.date(2026, 9, 17))
    assert result.status == "loaded" and result.stored_cells == 1144
    before = snapshot(connection)
    again = loaders.load_official_series(connection, project / "data/official/d41ma.csv")
    assert again.status == "already_loaded" and snapshot(connection) == before


def test_command_line_exit_codes(tmp_path, good_rows, monkeypatch):
    from japan_trade import cli
    database = tmp_path / "cli.duckdb"
    good = write(tmp_path, "good_2026_02.csv", [estat_header(), *good_rows])
    bad_header = write(tmp_path, "bad_2026_02.csv", ["HS,Value", *good_rows])
    with_reject = write(tmp_path, "reject_2026_02.csv", [estat_header(), *good_rows, "1,2026,'x'"])
    common = ["--vintage-date", "2026-03-31", "--database", str(database)]
    assert cli.main(["load", "microdata", str(good), *common]) == 0
    assert cli.main(["load", "microdata", str(good), *common]) == 0  # no-op
    assert cli.main(["load", "microdata", str(bad_header), *common]) == cli.EXIT_FAILED
    assert cli.main(["load", "microdata", str(with_reject), *common]) == cli.EXIT_REJECTED_ROWS


def test_exchange_rates_rejects_and_refusals(connection, tmp_path):
    from japan_trade.exchange_rates import load_exchange_rates
    header = "week_start,currency,yen_per_unit"
    sundays = [dt.date(2026, 1, 4) + dt.timedelta(days=7 * n) for n in range(30)]
    good = [f"{sunday},USD,150.{n:02d}" for n, sunday in enumerate(sundays)]
    # a week × currency given twice is a reject naming the first line: test_adversarial_inputs.py
    bad = ["2026-08-02,usd,157.00", "2026-08-09,USD,abc", "2026-08-18,USD,157.00"]
    result = load_exchange_rates(connection, write(tmp_path, "rates.csv", [header, *good, *bad]))
    assert (result.status, result.rejected_rows, result.stored_cells) == ("loaded", 3, 30)
    reasons = [row[0] for row in connection.execute("select reason from raw.load_rejects order by source_line").fetchall()]
    assert reasons == ["currency 'usd' is not a 3-letter ISO code", "rate 'abc' is not a number",
                       "week_start 2026-08-18 is not a Sunday (customs rates apply Sunday–Saturday)"]
    before = snapshot(connection)
    with pytest.raises(loaders.LoadError, match="expected header"):
        load_exchange_rates(connection, write(tmp_path, "header.csv", ["week,rate", "2026-01-04,150"]))
    assert snapshot(connection) == before
