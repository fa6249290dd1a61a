"""A file supersedes exactly what it covers; a re-issue covering less is refused; unload is reversible.

docs/decisions/vintages.md ("A file supersedes exactly what it covers", "Withdrawing a load").
The base file: by-country exports, January–February 2026, four codes in each of chapters 01, 84
and 87 (12 rows, 24 stored cells); selection itself is tested by the dbt unit tests of
int_load_vintages_selected.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import estat_header, estat_row, query
from japan_trade import cli, coverage, loaders, warehouse, withdrawals
from japan_trade.exchange_rates import load_exchange_rates

BASE_VINTAGE = dt.date(2026, 3, 31)
LATER = dt.date(2026, 4, 30)
RAW_TABLES = ("file_loads", "file_load_months", "file_load_coverage", "customs_microdata", "load_rejects",
              "load_withdrawals")


def chapter_rows(chapter: str, codes: int = 4, value: int = 1000, months: int = 2) -> list[str]:
    return [estat_row("1", f"{chapter}{number:02d}00000", "304", [(0, 1, value + number)] * months)
            for number in range(1, codes + 1)]


def write(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("\n".join([estat_header(), *rows]) + "\n", encoding="ascii")
    return path


def load(connection, path, **options):
    options.setdefault("through_month", dt.date(2026, 2, 1))
    options.setdefault("vintage_date", LATER)
    return loaders.load_microdata(connection, path, **options)


def snapshot(connection):
    state = {}
    for table in RAW_TABLES:
        columns = [c[0] for c in connection.execute(f"describe raw.{table}").fetchall()
                   if c[0] not in ("loaded_at", "rejected_at", "recorded_at")]
        state[table] = sorted(map(repr, connection.execute(f"select {', '.join(columns)} from raw.{table}").fetchall()))
    return state


@pytest.fixture
def connection(tmp_path):
    connection = warehouse.connect(tmp_path / "test.duckdb")
    yield connection
    connection.close()


@pytest.fixture
def base(connection, tmp_path):
    rows = chapter_rows("01") + chapter_rows("84") + chapter_rows("87")
    result = load(connection, write(tmp_path, "base.csv", rows), vintage_date=BASE_VINTAGE)
    assert (result.status, result.load_id, result.stored_cells) == ("loaded", 1, 24)
    return result


def coverage_of(connection, load_id):
    return connection.execute("""
        select flow, period_month, table_name, count(*), min(hs_chapter), max(hs_chapter)
        from raw.file_load_coverage where load_id = ? group by all order by period_month""", [load_id]).fetchall()


def test_a_full_file_covers_every_chapter_of_its_months(connection, base):
    assert coverage_of(connection, 1) == [
        ("export", dt.date(2026, 1, 1), "customs_by_country", 98, "00", "97"),
        ("export", dt.date(2026, 2, 1), "customs_by_country", 98, "00", "97"),
    ]


def test_a_smaller_reissue_not_declared_partial_is_refused_and_changes_nothing(connection, tmp_path, base):
    before = snapshot(connection)
    correction = write(tmp_path, "correction.csv", chapter_rows("84", value=2000))
    with pytest.raises(loaders.LoadError) as refused:
        load(connection, correction)
    message = str(refused.value)
    assert "chapter(s) 01, 87 of the exports have data in load 1 and none in this file" in message
    assert "--partial" in message and "\n" not in message
    assert snapshot(connection) == before


def test_a_partial_reissue_covers_only_its_chapters(connection, tmp_path, base):
    result = load(connection, write(tmp_path, "correction.csv", chapter_rows("84", value=2000)), partial=True)
    assert result.status == "loaded" and result.load_id == 2
    assert coverage_of(connection, 2) == [
        ("export", dt.date(2026, 1, 1), "customs_by_country", 1, "84", "84"),
        ("export", dt.date(2026, 2, 1), "customs_by_country", 1, "84", "84"),
    ]


def test_a_partial_reissue_with_far_fewer_cells_than_its_chapters_had_is_refused(connection, tmp_path, base):
    before = snapshot(connection)
    # chapter 84 had 4 codes (4 cells a month); one code is fewer than half of them
    with pytest.raises(loaders.LoadError, match=r"exports of 2026-01: 1 cell\(s\) where load 1 has 4 in the same chapters"):
        load(connection, write(tmp_path, "one_row.csv", chapter_rows("84", codes=1)), partial=True)
    assert snapshot(connection) == before


def test_a_wrong_through_declaring_unpublished_months_is_refused(connection, tmp_path):
    # base: January–March published; the re-issue has January only but is declared through March
    load(connection, write(tmp_path, "q1.csv", chapter_rows("01", months=3) + chapter_rows("84", months=3)),
         through_month=dt.date(2026, 3, 1), vintage_date=dt.date(2026, 4, 30))
    before = snapshot(connection)
    wrong = write(tmp_path, "wrong_through.csv", chapter_rows("01", months=1) + chapter_rows("84", months=1))
    with pytest.raises(loaders.LoadError, match=r"exports of 2026-02: 0 cell\(s\) where load 1 has 8 .*2 month\(s\) like this"):
        load(connection, wrong, through_month=dt.date(2026, 3, 1), vintage_date=dt.date(2026, 5, 31))
    assert snapshot(connection) == before


def test_an_older_file_loaded_later_is_compared_with_what_it_replaced_then(connection, tmp_path, base):
    # January's preliminary release (published 2026-02-20) is older than the base's January
    # (export_confirmed, 2026-02-28): it replaces nothing, so its single chapter is no shrink
    early = write(tmp_path, "early.csv", chapter_rows("84", months=1))
    result = load(connection, early, through_month=dt.date(2026, 1, 1), vintage_date=dt.date(2026, 2, 20))
    assert result.status == "loaded"


def test_unload_is_recorded_reversible_and_keeps_the_rows(connection, tmp_path, base):
    cells = connection.execute("select count(*) from raw.customs_microdata").fetchone()[0]
    assert withdrawals.withdraw(connection, 1, "wrong file").startswith("load 1 (base.csv) withdrawn")
    assert withdrawals.withdraw(connection, 1, "again") == "load 1 (base.csv) is already withdrawn; nothing changed"
    assert withdrawals.is_withdrawn(connection, 1)
    # the guard no longer compares with a withdrawn load: a two-chapter full file now loads
    assert load(connection, write(tmp_path, "other.csv", chapter_rows("84"))).status == "loaded"
    assert withdrawals.restore(connection, 1, "undo").startswith("load 1 (base.csv) restored")
    assert not withdrawals.is_withdrawn(connection, 1)
    assert connection.execute("""
        select action_number, action_kind, reason from raw.load_withdrawals order by action_number""").fetchall() == [
        (1, "withdraw", "wrong file"), (2, "restore", "undo")]
    assert connection.execute("select count(*) from raw.customs_microdata where load_id = 1").fetchone()[0] == 24
    assert connection.execute("select count(*) from raw.customs_microdata").fetchone()[0] == cells + 8


def test_reloading_a_withdrawn_file_says_how_to_restore_it(connection, tmp_path, base):
    withdrawals.withdraw(connection, 1, "wrong file")
    again = load(connection, tmp_path / "base.csv", vintage_date=BASE_VINTAGE)
    assert again.status == "already_loaded"
    assert again.message == ("base.csv: already loaded as load 1; nothing changed "
                             "(it is withdrawn: `japan-trade unload --undo 1` brings it back)")


def test_unload_cli_says_one_line_for_an_unknown_load(tmp_path, capsys):
    database = tmp_path / "cli.duckdb"
    warehouse.connect(database).close()
    assert cli.main(["unload", "99", "--database", str(database)]) == 1
    error = capsys.readouterr().err.strip()
    assert error == ("error: no load 99 in this warehouse; the loads are listed by "
                     "`select load_id, file_name, loaded_at from raw.file_loads`")


def test_unload_cli_withdraws_and_undoes(connection, tmp_path, base, capsys):
    database = tmp_path / "test.duckdb"
    connection.close()
    assert cli.main(["unload", "1", "--reason", "loaded by mistake", "--database", str(database)]) == 0
    assert cli.main(["unload", "--undo", "1", "--database", str(database)]) == 0
    output = capsys.readouterr().out
    assert "load 1 (base.csv) withdrawn" in output and "load 1 (base.csv) restored" in output
    reopened = warehouse.connect(database)
    try:
        assert reopened.execute("select action_kind, reason from raw.load_withdrawals order by action_number").fetchall() == [
            ("withdraw", "loaded by mistake"), ("restore", "undo")]
    finally:
        reopened.close()


def test_manifest_entry_can_declare_a_file_partial(connection, tmp_path, base):
    write(tmp_path, "correction.csv", chapter_rows("84", value=2000))
    manifest = tmp_path / "manifest.json"
    manifest.write_text('{"files": [{"path": "correction.csv", "kind": "customs_by_country", '
                        '"through_month": "2026-02", "vintage_date": "2026-04-30", "partial": true}]}')
    [result] = loaders.load_manifest(connection, manifest, progress=None)
    assert result.status == "loaded"
    assert [row[3] for row in coverage_of(connection, result.load_id)] == [1, 1]


def test_rates_record_the_declared_publication_date(connection, tmp_path):
    rates = tmp_path / "rates.csv"
    rates.write_text("week_start,currency,yen_per_unit\n2026-01-04,USD,156.50\n2026-01-11,USD,157.00\n")
    result = load_exchange_rates(connection, rates, vintage_date=dt.date(2026, 1, 9))
    default = tmp_path / "rates_default.csv"
    default.write_text("week_start,currency,yen_per_unit\n2026-01-04,USD,156.60\n2026-01-11,USD,157.10\n")
    later = load_exchange_rates(connection, default)
    assert connection.execute("select load_id, vintage_date from raw.file_loads order by 1").fetchall() == [
        (result.load_id, dt.date(2026, 1, 9)), (later.load_id, dt.date(2026, 1, 17))]  # Saturday ending 01-11's week


def test_unit_coverage_sql_gives_whole_months_to_loads_without_coverage_rows(connection, base):
    connection.execute("delete from raw.file_load_coverage where load_id = 1")  # as loaded before coverage existed
    chapters = connection.execute(
        f"select count(*) from ({coverage.UNIT_COVERAGE_SQL}) where load_id = 1").fetchone()[0]
    assert chapters == 2 * 98


def test_a_rate_file_published_after_the_release_changes_only_later_builds(demo_warehouses):
    # conftest loads a revised rate file (every January 2026 week at 150.00, published 2026-03-06) after
    # the demo rates; built as of 2026-02-18 the release's 156.91 stays (test_pipeline checks the line)
    sql = """select yen_per_unit_average_display from fct_exchange_rates_monthly
             where currency = 'USD' and period_month = date '2026-01-01'"""
    assert [str(row[0]) for row in query(demo_warehouses["latest"], sql)] == ["150.00"]
    assert [str(row[0]) for row in query(demo_warehouses["as_of"], sql)] == ["156.91"]
