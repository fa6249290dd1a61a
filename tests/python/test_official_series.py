"""Reading MOF time-series CSVs: both encodings, layouts, '-' and trailing zeros, malformed rows."""

import datetime as dt

import pytest

from japan_trade.official_series import OfficialSeriesError, parse_official_series


@pytest.fixture(scope="module")
def d41ma(project_dir):
    return parse_official_series(project_dir / "data/official/d41ma.csv")


@pytest.fixture(scope="module")
def project_dir():
    from conftest import PROJECT
    return PROJECT


def values(series, flow, item="total"):
    return {row.period_month: row.value_thousand_yen for row in series.rows
            if row.flow == flow and row.release_item_code == item}


def test_d41ma_months_and_published_figures(d41ma):
    exports = values(d41ma, "export")
    # 1979-01 .. 2026-08 have data; 2026-09..12 are '0 ,0' padding and are not data
    assert min(exports) == dt.date(1979, 1, 1) and max(exports) == dt.date(2026, 8, 1)
    assert len(exports) == 12 * 47 + 8
    # figures quoted in data/official/README.md
    assert exports[dt.date(2026, 1, 1)] == 9_185_075_620
    assert values(d41ma, "import")[dt.date(2026, 7, 1)] == 12_154_293_886
    assert sum(v for m, v in exports.items() if m.year == 2024) == 107_087_511_087


def test_cp932_original_reads_the_same_as_the_utf8_copy(project_dir, tmp_path):
    for name in ("d41ma", "d51ma"):
        original = tmp_path / f"{name}.csv"
        original.write_bytes((project_dir / f"data/official/{name}.csv").read_text("utf-8").encode("cp932"))
        converted, copy = parse_official_series(original), parse_official_series(project_dir / f"data/official/{name}.csv")
        assert converted.encoding == "cp932" and copy.encoding == "utf-8"
        assert converted.rows == copy.rows


def test_d51ma_items_sum_to_the_total_and_match_d41ma(project_dir, d41ma):
    d51ma = parse_official_series(project_dir / "data/official/d51ma.csv")
    assert d51ma.flows == ("export",)
    month = dt.date(2026, 1, 1)
    row = {r.release_item_code: r for r in d51ma.rows if r.period_month == month}
    sections = ["0+1", "2+4", "3", "5", "6", "701", "703", "705", "8+9"]
    assert sum(row[code].value_thousand_yen for code in sections) == row["total"].value_thousand_yen
    assert row["total"].value_thousand_yen == values(d41ma, "export")[month]
    # quantity of 自動車 (70503) in units (NO), value of 半導体等電子部品 as quoted in domain-notes
    assert row["70503"].quantity_unit == "NO" and row["70503"].quantity == 413_780
    assert row["70323"].value_thousand_yen == 619_798_347
    assert row["0+1"].quantity is None  # '-': no unit


def test_malformed_rows_become_rejects_and_wrong_headers_fail(project_dir, tmp_path):
    lines = (project_dir / "data/official/d41ma.csv").read_text("utf-8").splitlines()
    lines[10] = "1979/07,12x45 ,100 "
    lines[11] = "1979/08,100 "
    broken = tmp_path / "d41ma.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    series = parse_official_series(broken)
    assert [(r.source_line, r.reason.split(":")[0]) for r in series.rejects] == [
        (11, "non-numeric value in Exp-Total"), (12, "2 fields, expected 3")]
    lines[2] = "Month,Exports,Imports"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(OfficialSeriesError, match="line 3"):
        parse_official_series(broken)
