"""Read MOF "time series" CSVs (d41ma, d51ma, d61ma and their regional siblings).

Two layouts (data/official/README.md):

* totals (d41ma, d42maNNN): title, English title, ``Years/Months,Exp-Total,Imp-Total``,
  a blank ``,,`` line, then ``YYYY/MM,<exports> ,<imports> `` in thousand yen.
  Unpublished months are ``0 ,0``.
* items (d51ma exports, d61ma imports, d52maNNN, d62maNNN): seven header lines
  (title, English title, release item names, PC names, PC codes such as
  ``'0'+'1'``, 金額/数量, units), then per month the total value followed by one
  (quantity, value) pair per release item. ``-`` means no data.

Files come as cp932 (MOF originals) or UTF-8 (copies); both are accepted.
Malformed data rows are returned as rejects (line, raw text, reason): a figure
that breaks the strict number rule (``numbers.py``: digits only, never negative,
at most 18 digits) or a month listed a second time ("duplicate of line N"). A
file whose header is not one of these layouts (or names an item twice) raises
``OfficialSeriesError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .numbers import parse_count

#: Area named in the title line 《…》 → warehouse area_code.
TITLE_AREAS: dict[str, str] = {
    "世界": "world",
    "米国": "304",
    "中国": "105",
    "ＥＵ": "eu",
    "EU": "eu",
    "アジア": "asia",
    "アジアＮＩＥＳ": "asia_nies",
    "ＡＳＥＡＮ": "asean",
    "西欧": "western_europe",
    "北米": "north_america",
}

MONTH_PATTERN = re.compile(r"^(\d{4})/(\d{2})$")
UNIT_PATTERN = re.compile(r"^\(単位(?:：(?P<unit>[A-Z]+))?\)$")


class OfficialSeriesError(ValueError):
    """The file is not a MOF time-series CSV we can read; nothing was loaded."""


@dataclass
class OfficialSeriesRow:
    flow: str
    release_item_code: str
    period_month: dt.date
    value_thousand_yen: int
    quantity: int | None
    quantity_unit: str | None
    source_line: int


@dataclass
class OfficialSeriesReject:
    source_line: int
    raw_text: str
    reason: str


@dataclass
class OfficialSeries:
    series_code: str
    layout: str  # 'totals' or 'items'
    area_code: str
    flows: tuple[str, ...]
    rows: list[OfficialSeriesRow] = field(default_factory=list)
    rejects: list[OfficialSeriesReject] = field(default_factory=list)
    encoding: str = "utf-8"

    @property
    def months(self) -> list[dt.date]:
        return sorted({row.period_month for row in self.rows})


def decode_bytes(content: bytes) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) or cp932; return (text, encoding)."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return content.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise OfficialSeriesError("file is neither UTF-8 nor cp932 (Shift_JIS) text")


def normalise_commodity_code(cell: str) -> str:
    """``'0'+'1'`` → ``0+1``; ``'0'～'9'`` (all sections) → ``total``."""
    cell = cell.strip()
    if cell in ("'0'～'9'", "'0'~'9'"):
        return "total"
    parts = [part.strip().strip("'") for part in cell.split("+")]
    if not parts or not all(part.isdigit() for part in parts):
        raise OfficialSeriesError(f"unreadable principal-commodity code cell {cell!r}")
    return "+".join(parts)


def parse_number(cell: str, column: str) -> int | None:
    """``'9185075620 '`` → 9185075620; ``'-'`` → None; anything else that is not a count
    (``numbers.parse_count``: negative, decimal, exponent, 19+ digits, text) raises ValueError."""
    if cell.strip(" ") in ("-", ""):
        return None
    return parse_count(cell, column)


def parse_month(cell: str) -> dt.date:
    match = MONTH_PATTERN.match(cell.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"not a YYYY/MM month: {cell!r}")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def area_from_title(title: str) -> str:
    match = re.search(r"《(.+?)》", title)
    if not match:
        raise OfficialSeriesError("line 1 has no 《area》 title: not a MOF time-series file")
    name = match.group(1).strip()
    if name not in TITLE_AREAS:
        raise OfficialSeriesError(
            f"area 《{name}》 is not supported yet; supported: {', '.join(TITLE_AREAS)}"
        )
    return TITLE_AREAS[name]


def parse_official_series(path: Path, content: bytes | None = None) -> OfficialSeries:
    """Parse a MOF time-series CSV file into long rows plus row rejects.

    ``content`` is the file's bytes when the caller already read them (the loader hashes and parses
    the same bytes); the path then only names the file."""
    path = Path(path)
    text, encoding = decode_bytes(path.read_bytes() if content is None else content)
    lines = list(csv.reader(io.StringIO(text)))
    if len(lines) < 4:
        raise OfficialSeriesError(f"{path.name}: only {len(lines)} lines; expected a MOF time-series CSV")
    raw_lines = text.splitlines()
    series_code = path.stem.split("_")[0].lower()
    area_code = area_from_title(lines[0][0])
    if lines[2][:3] == ["Years/Months", "Exp-Total", "Imp-Total"]:
        series = _read_totals(lines, raw_lines, series_code, area_code)
    elif lines[2] and lines[2][0] == "報道発表品目名":
        series = _read_items(lines, raw_lines, series_code, area_code)
    else:
        raise OfficialSeriesError(
            f"{path.name} line 3: expected 'Years/Months,Exp-Total,Imp-Total' (d41ma layout) "
            f"or '報道発表品目名,…' (d51ma/d61ma layout), found {','.join(lines[2][:3])!r}"
        )
    series.encoding = encoding
    return series


def _raw(raw_lines: list[str], index: int) -> str:
    return raw_lines[index] if index < len(raw_lines) else ""


def _check_first_time(month: dt.date, line_number: int, first_lines: dict[dt.date, int]) -> None:
    """Remember the line of a month's first row; ValueError naming it when the month comes again."""
    if month in first_lines:
        raise ValueError(f"duplicate of line {first_lines[month]} (month {month:%Y/%m} appears twice)")
    first_lines[month] = line_number


def _read_totals(lines, raw_lines, series_code, area_code) -> OfficialSeries:
    series = OfficialSeries(series_code, "totals", area_code, ("export", "import"))
    width = len(lines[2])
    first_lines: dict[dt.date, int] = {}
    for index, cells in enumerate(lines[4:], start=4):
        line_number = index + 1
        if not any(cell.strip() for cell in cells):
            continue
        try:
            if len(cells) != width:
                raise ValueError(f"{len(cells)} fields, expected {width}")
            month = parse_month(cells[0])
            _check_first_time(month, line_number, first_lines)
            exports, imports = parse_number(cells[1], lines[2][1]), parse_number(cells[2], lines[2][2])
        except ValueError as error:
            series.rejects.append(OfficialSeriesReject(line_number, _raw(raw_lines, index), str(error)))
            continue
        if not exports and not imports:
            continue  # '0 ,0' pads months not yet published
        for flow, value in (("export", exports), ("import", imports)):
            if value is not None:
                series.rows.append(
                    OfficialSeriesRow(flow, "total", month, value, None, None, line_number)
                )
    return series


def _read_items(lines, raw_lines, series_code, area_code) -> OfficialSeries:
    if len(lines) < 8:
        raise OfficialSeriesError("items layout needs seven header lines")
    title = " ".join(lines[0]) + " " + " ".join(lines[1])
    if "輸出" in title or "(Export)" in title:
        flow = "export"
    elif "輸入" in title or "(Import)" in title:
        flow = "import"
    else:
        raise OfficialSeriesError("title names neither 輸出/Export nor 輸入/Import")
    code_row, measure_row, unit_row = lines[4], lines[5], lines[6]
    if code_row[0] != "概況品コード" or unit_row[0] != "Years/Months":
        raise OfficialSeriesError("line 5 must start with 概況品コード and line 7 with Years/Months")
    width = len(code_row)
    if normalise_commodity_code(code_row[1]) != "total":
        raise OfficialSeriesError("column 2 must be the total ('0'～'9')")
    # (release_item_code, quantity column or None, value column, unit)
    columns: list[tuple[str, int | None, int, str | None]] = [("total", None, 1, None)]
    position = 2
    while position + 1 < width:
        code_cell = code_row[position]
        if not code_cell.strip():
            raise OfficialSeriesError(f"line 5 column {position + 1}: empty code above a quantity column")
        if measure_row[position] != "数量" or measure_row[position + 1] != "金額":
            raise OfficialSeriesError(
                f"line 6 columns {position + 1}-{position + 2}: expected 数量,金額"
            )
        unit_match = UNIT_PATTERN.match(unit_row[position].strip())
        if not unit_match:
            raise OfficialSeriesError(f"line 7 column {position + 1}: unreadable unit {unit_row[position]!r}")
        code = normalise_commodity_code(code_cell)
        earlier = next((q for c, q, _, _ in columns if c == code), None)
        if earlier is not None:
            raise OfficialSeriesError(
                f"line 5: principal-commodity code {code} heads columns {earlier + 1} and {position + 1}; "
                "each item must appear once"
            )
        columns.append((code, position, position + 1, unit_match.group("unit")))
        position += 2
    series = OfficialSeries(series_code, "items", area_code, (flow,))
    first_lines: dict[dt.date, int] = {}
    for index, cells in enumerate(lines[7:], start=7):
        line_number = index + 1
        if not any(cell.strip() for cell in cells):
            continue
        try:
            if len(cells) != width:
                raise ValueError(f"{len(cells)} fields, expected {width}")
            month = parse_month(cells[0])
            _check_first_time(month, line_number, first_lines)
            parsed = [
                (code, parse_number(cells[q], f"{code} 数量") if q is not None else None,
                 parse_number(cells[v], "総額" if code == "total" else f"{code} 金額"), unit)
                for code, q, v, unit in columns
            ]
        except ValueError as error:
            series.rejects.append(OfficialSeriesReject(line_number, _raw(raw_lines, index), str(error)))
            continue
        if not parsed[0][2]:
            continue  # month not yet published ('-' or 0 total)
        for code, quantity, value, unit in parsed:
            if value is None:
                continue
            series.rows.append(
                OfficialSeriesRow(flow, code, month, value, quantity if unit else None, unit, line_number)
            )
    return series


def read_official_series(path: Path):
    """Long pandas DataFrame of a file's parsed rows (rejects dropped; for the generator)."""
    import pandas as pd

    series = parse_official_series(path)

    frame = pd.DataFrame(
        [
            (series.series_code, row.flow, row.release_item_code, row.period_month,
             row.value_thousand_yen, row.quantity, row.quantity_unit, row.source_line)
            for row in series.rows
        ],
        columns=["series_code", "flow", "release_item_code", "period_month",
                 "value_thousand_yen", "quantity", "quantity_unit", "source_line"],
    )
    frame["value_thousand_yen"] = frame["value_thousand_yen"].astype("Int64")
    frame["quantity"] = frame["quantity"].astype("Int64")
    return frame
