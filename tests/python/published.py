"""The published MOF time series read independently of the loader (japan_trade.official_series).

Tests compare the warehouse with these files, so they must not read them through the code under
test. The readers below use only the csv module and the layouts as MOF prints them
(data/official/README.md): d41ma — a title, an English title, ``Years/Months,Exp-Total,Imp-Total``,
a blank ``,,`` line, then ``YYYY/MM,<exports> ,<imports> `` in thousand yen (``0 ,0`` for months not
yet published); d51ma / d61ma — seven header lines (row 5: principal-commodity codes such as
``'0'+'1'``, ``'0'～'9'`` for the total; row 6: 金額 / 数量), then one row per month.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

OFFICIAL = Path(__file__).resolve().parents[2] / "data" / "official"
MONTH = re.compile(r"(\d{4})/(\d{2})")


def _rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")      # the shipped copies are UTF-8
    except UnicodeDecodeError:
        text = raw.decode("cp932")          # MOF's originals are cp932
    return list(csv.reader(text.splitlines()))


def _month(cell: str) -> dt.date | None:
    match = MONTH.fullmatch(cell.strip())
    return dt.date(int(match.group(1)), int(match.group(2)), 1) if match else None


def d41ma_totals(path: Path = OFFICIAL / "d41ma.csv") -> dict[tuple[str, dt.date], int]:
    """(flow, month) → thousand yen, published months only."""
    out = {}
    for cells in _rows(path)[4:]:
        month = cells and _month(cells[0])
        if not month:
            continue
        exports, imports = int(cells[1].strip()), int(cells[2].strip())
        if exports == 0 and imports == 0:
            continue                        # a month not yet published
        out[("export", month)], out[("import", month)] = exports, imports
    return out


def release_item_values(flow: str, month: dt.date) -> dict[str, int]:
    """d51ma (exports) / d61ma (imports): release item code ('total', '0+1', '70323', …) → thousand yen."""
    rows = _rows(OFFICIAL / ("d51ma.csv" if flow == "export" else "d61ma.csv"))
    codes, kinds = rows[4], rows[5]
    assert codes[0] == "概況品コード" and kinds[1] == "金額", "not the d51ma / d61ma layout"
    columns = {}
    for j, kind in enumerate(kinds):
        if kind.strip() != "金額":
            continue
        cell = codes[j].strip() or codes[j - 1].strip()   # the code sits above the item's first column
        code = "total" if cell == "'0'～'9'" else cell.replace("'", "").replace(" ", "")
        columns[code] = j
    for cells in rows[7:]:
        if cells and _month(cells[0]) == month:
            return {code: int(cells[j].strip()) for code, j in columns.items() if cells[j].strip() not in ("", "-")}
    raise KeyError(f"{month:%Y/%m} not in {flow} release items")
