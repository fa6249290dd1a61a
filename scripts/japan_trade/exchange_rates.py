"""Weekly customs exchange rates (税関長公示レート): loader and demo data.

File layout (CSV, UTF-8, header row): ``week_start,currency,yen_per_unit``; one row per week and
currency; ``week_start`` is the Sunday from which the rate applies (it applies Sunday–Saturday);
``yen_per_unit`` is yen per one unit of the currency (e.g. ``156.91``), written as a plain positive
decimal with at most 4 decimals (``numbers.parse_rate``: ``1.5E+2`` is refused, not read as 150).
Malformed rows go to ``raw.load_rejects`` (a line that is not UTF-8, a bad date, currency or rate, a
week × currency already given on an earlier line); a file with a wrong header fails whole; the same
file again is a no-op.
The monthly average and its YoY are computed in dbt (``fct_exchange_rates_monthly``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import duckdb

from .loaders import DEFAULT_MAX_REJECT_SHARE, LoadError, LoadResult, _read_new_file, _record_load, split_lines
from .numbers import parse_rate

HEADER = ["week_start", "currency", "yen_per_unit"]


def load_exchange_rates(connection: duckdb.DuckDBPyConnection, path: Path, *, source_label: str = "user",
                        max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
                        vintage_date: dt.date | None = None) -> LoadResult:
    """Load a weekly customs-rate CSV as a new load published on ``vintage_date`` (default: the Saturday
    ending its last week). Per week and currency, a build uses the latest load published on or before
    its as_of (int_exchange_rates_weekly_selected)."""
    path = Path(path)
    content, digest, already = _read_new_file(connection, path)
    if already:
        return already
    lines = split_lines(content, hint="save the file as UTF-8")
    header = next(csv.reader(io.StringIO(lines[0][1]))) if lines[0][1] else []
    if lines[0][2] or [name.strip() for name in header] != HEADER:
        raise LoadError(f"{path.name} line 1: expected header {','.join(HEADER)}, found {','.join(header)!r}")
    rows, rejects = [], []
    first_lines: dict[tuple[dt.date, str], int] = {}
    for number, line, problem in lines[1:]:
        if not line.strip():
            continue
        cells = next(csv.reader(io.StringIO(line)))
        reason = None
        try:
            if problem:
                raise ValueError(problem)
            if len(cells) != 3:
                raise ValueError(f"expected 3 fields, found {len(cells)}")
            week_start = dt.date.fromisoformat(cells[0].strip())
            if week_start.weekday() != 6:
                raise ValueError(f"week_start {week_start} is not a Sunday (customs rates apply Sunday–Saturday)")
            currency = cells[1].strip()
            if not re.fullmatch(r"[A-Z]{3}", currency):
                raise ValueError(f"currency {currency!r} is not a 3-letter ISO code")
            rate = parse_rate(cells[2])
            if (week_start, currency) in first_lines:
                raise ValueError(f"duplicate of line {first_lines[week_start, currency]} (same week and currency)")
            first_lines[week_start, currency] = number
        except ValueError as error:
            reason = str(error)
        if reason:
            rejects.append((number, line, reason))
        else:
            rows.append((number, week_start, currency, rate))
    if not rows:
        raise LoadError(f"{path.name}: no valid rate rows")
    if len(rejects) > max_reject_share * (len(rows) + len(rejects)):
        raise LoadError(f"{path.name}: {len(rejects)} of {len(rows) + len(rejects)} rows are malformed; "
                        f"the file was not loaded. First problem: line {rejects[0][0]}: {rejects[0][2]}")
    weeks = sorted({row[1] for row in rows})
    connection.execute("begin transaction")
    try:
        load_id = connection.execute("select nextval('raw.load_id_sequence')").fetchone()[0]
        connection.executemany(
            "insert into raw.exchange_rates_weekly values (?, ?, ?, ?, ?)",
            [(load_id, number, week_start, currency, rate) for number, week_start, currency, rate in rows],
        )
        if rejects:
            connection.executemany(
                "insert into raw.load_rejects (load_id, file_name, source_line, raw_text, reason) values (?, ?, ?, ?, ?)",
                [(load_id, path.name, number, line, reason) for number, line, reason in rejects],
            )
        _record_load(connection, load_id, path, digest, kind="exchange_rates", series_code=None, flows="",
                     year=None, source_label=source_label,
                     vintage_date=vintage_date or weeks[-1] + dt.timedelta(days=6),
                     months=weeks, data_rows=len(rows) + len(rejects), rejected=len(rejects), stored=len(rows),
                     encoding="utf-8")
        connection.execute("commit")
    except BaseException:
        connection.execute("rollback")
        raise
    message = f"{path.name}: loaded {len(rows)} weekly rates ({weeks[0]}..{weeks[-1]}) as load {load_id}"
    if rejects:
        message += f"; {len(rejects)} malformed rows went to raw.load_rejects — fix them and reload the file"
    return LoadResult(path.name, "loaded", load_id, len(rows) + len(rejects), len(rejects), len(rows),
                      [f"{weeks[0]:%Y-%m}", f"{weeks[-1]:%Y-%m}"], message)


def monthly_average(rates: dict[dt.date, Decimal], year: int, month: int) -> Decimal:
    """Average of the daily applicable rates over the calendar days of a month (the project's rule)."""
    first = dt.date(year, month, 1)
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
    total, days = Decimal(0), 0
    day = first
    while day <= last:
        week = day - dt.timedelta(days=(day.weekday() + 1) % 7)
        total += rates[week]
        days += 1
        day += dt.timedelta(days=1)
    return total / days
