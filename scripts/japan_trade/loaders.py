"""Load customs microdata and official series into the raw tables, keeping every vintage.

Outcomes (docs/decisions/loading.md):

* the same file (same SHA-256) loaded again → ``already_loaded``, nothing changes;
* a file that fails validation (unreadable or empty, unknown layout or header, no
  data rows, figures after the declared last published month in half or more of
  its rows, more rejected rows than ``max_reject_share``, a re-issue covering less
  than the vintage it replaces — coverage.py) → ``LoadError``; the transaction is
  rolled back, the warehouse is exactly as before;
* malformed rows inside an otherwise valid file (wrong number of fields,
  a figure breaking the strict number rule of ``numbers.py`` — non-numeric,
  negative, decimal, exponent, 19+ digits —, unknown flow, another year, bad
  code, duplicate key even when written with other quoting, year total ≠ sum of
  months, bytes that are not UTF-8 or a control character) → one row each in
  ``raw.load_rejects`` with file, line, raw text and reason; the rest of the file
  is loaded and the result says how many rows were rejected.

A user's path never reaches SQL text or a DuckDB reader (they expand ``[``, ``*``,
``?`` as globs): the file is read once in Python (``read_input``), hashed, and parsed from the
same bytes; the microdata lines are handed to DuckDB as a registered Arrow table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import __version__
from .estat_layout import (BY_COUNTRY_LAYOUT, CODE_COLUMN, COUNTRY_COLUMN, FLOW_CODES, FLOW_COLUMN, MEASURES,
                           NUMERIC_COLUMNS, UNIT_COLUMNS, WORLD_LAYOUT, YEAR_COLUMN, canonical_column_name,
                           month_column, year_column)
from .estat_layout import header as estat_header
from .numbers import COUNT_PATTERN, count_problem, strip_spaces
from .official_series import OfficialSeriesError, parse_official_series
from .revision_calendar import STAGES, add_months, infer_month_vintage, stage_schedule

DEFAULT_MAX_REJECT_SHARE = 0.10


class LoadError(Exception):
    """A whole file was refused; nothing was written. The message says what to do."""


@dataclass
class LoadResult:
    file_name: str
    status: str  # loaded | already_loaded
    load_id: int | None = None
    data_rows: int = 0
    rejected_rows: int = 0
    stored_cells: int = 0
    months: list[str] = field(default_factory=list)
    message: str = ""


def read_input(path: Path, what: str = "the CSV file") -> bytes:
    """The bytes of a file a user gave; LoadError (what, where, what to do) when the path is missing,
    a directory, unreadable or empty. Loaders hash and parse these same bytes."""
    path = Path(path)
    if path.is_dir():
        raise LoadError(f"{path}: is a directory, not a file; name {what} itself")
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file; check the path") from None
    except OSError as error:
        raise LoadError(f"{path}: cannot be read ({error.strerror}); check the path and its permissions") from None
    if not content:
        raise LoadError(f"{path}: the file is empty; download it again")
    return content


MICRODATA_ENCODING_HINT = "e-Stat microdata is plain ASCII; re-download the file"


#: Control characters (other than tab) have no place in these CSV files; NUL breaks many readers.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def split_lines(content: bytes, hint: str = MICRODATA_ENCODING_HINT) -> list[tuple[int, str, str | None]]:
    """(line number from 1, text, problem) per line; carriage returns are dropped and a UTF-8 BOM at
    the start is skipped. A line that is not UTF-8 keeps its text with replacement characters, and a
    line with a control character (e.g. NUL) keeps it with each one replaced by U+FFFD; both get a
    problem naming the first bad byte, so they become rejects, not exceptions."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    content = content.replace(b"\r", b"")
    try:
        text = content.decode("utf-8")
        if not CONTROL_CHARACTERS.search(text):
            return [(number, line, None) for number, line in enumerate(text.split("\n"), start=1)]
    except UnicodeDecodeError:
        pass
    return [_decode_line(number, raw, hint) for number, raw in enumerate(content.split(b"\n"), start=1)]


def _decode_line(number: int, raw: bytes, hint: str) -> tuple[int, str, str | None]:
    """One line of ``split_lines`` decoded on its own, with the problem of its first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return (number, raw.decode("utf-8", "replace"),
                f"not ASCII/UTF-8 text: byte 0x{raw[error.start]:02x} at position {error.start + 1} ({hint})")
    control = CONTROL_CHARACTERS.search(text)
    if control:
        return (number, CONTROL_CHARACTERS.sub("\ufffd", text),
                f"control character 0x{ord(control.group()):02x} at position {control.start() + 1}")
    return number, text, None


def parse_month_text(text: str) -> dt.date:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-01)?", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise LoadError(f"month {text!r} is not YYYY-MM")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


# ---------------------------------------------------------------------------
# stages from an e-Stat title, e.g. "2026年7月分 統計品別表 (輸入 1-6月：確報、7月：輸入9桁速報)"

TITLE_STAGE_WORDS = [
    ("輸入9桁速報", "import_9digit_preliminary"),
    ("確々報", "revised"),
    ("確定", "final"),
    ("確報", "confirmed"),
    ("速報", "preliminary"),
]


def stages_from_title(title: str, flow: str) -> tuple[dt.date, dict[int, str]]:
    """Last published month and the stage of each month named in an e-Stat title."""
    head = re.search(r"(\d{4})年(\d{1,2})月分", title)
    if not head:
        raise LoadError(f"title {title!r} has no 'YYYY年M月分'")
    last = dt.date(int(head.group(1)), int(head.group(2)), 1)
    stages: dict[int, str] = {}
    for first, last_month, word in re.findall(r"(\d{1,2})(?:-(\d{1,2}))?月[：:]\s*([^、)）]+)", title):
        for japanese, stage in TITLE_STAGE_WORDS:
            if japanese in word:
                if stage == "confirmed":
                    stage = "export_confirmed" if flow == "export" else "import_confirmed"
                for month in range(int(first), int(last_month or first) + 1):
                    stages[month] = stage
                break
        else:
            raise LoadError(f"title {title!r}: unknown stage {word!r}")
    return last, stages


def month_vintages(
    flow: str,
    months: list[dt.date],
    vintage_date: dt.date,
    stage: str | None = None,
    title_stages: dict[int, str] | None = None,
) -> list[tuple[str, dt.date, str, dt.date, bool]]:
    """(flow, month, stage, published_date, is_inferred) for each covered month.

    An explicit ``stage`` applies to every month, published on the vintage date.
    Stages named in a title get the conventional publication date of that stage.
    Otherwise the MOF revision calendar infers both from the vintage date.
    """
    out = []
    for month in months:
        if stage:
            if stage not in STAGES:
                raise LoadError(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}")
            out.append((flow, month, stage, vintage_date, False))
        elif title_stages and month.month in title_stages:
            named = title_stages[month.month]
            schedule = dict(stage_schedule(flow, month))
            published = schedule.get(named, vintage_date)
            out.append((flow, month, named, min(published, vintage_date), False))
        else:
            try:
                vintage = infer_month_vintage(flow, month, vintage_date)
            except ValueError as error:
                raise LoadError(str(error)) from error
            out.append((flow, month, vintage.revision_stage, vintage.published_date, True))
    return out


def _check_new_file(connection: duckdb.DuckDBPyConnection, path: Path) -> tuple[str, LoadResult | None]:
    """The file's SHA-256, and an ``already_loaded`` result when that content was loaded before."""
    _, digest, already = _read_new_file(connection, path)
    return digest, already


def _read_new_file(connection: duckdb.DuckDBPyConnection,
                   path: Path) -> tuple[bytes, str, LoadResult | None]:
    """The file's bytes (read once), their SHA-256, and an ``already_loaded`` result when that
    content was loaded before."""
    content = read_input(path)
    digest = hashlib.sha256(content).hexdigest()
    existing = connection.execute(
        "select load_id from raw.file_loads where file_sha256 = ?", [digest]
    ).fetchone()
    if existing:
        from .withdrawals import withdrawn_note

        return content, digest, LoadResult(path.name, "already_loaded", existing[0],
                                           message=f"{path.name}: already loaded as load {existing[0]}; nothing changed"
                                                   + withdrawn_note(connection, existing[0]))
    return content, digest, None


def _next_load_id(connection: duckdb.DuckDBPyConnection) -> int:
    """A new load id from raw.load_id_sequence."""
    return connection.execute("select nextval('raw.load_id_sequence')").fetchone()[0]


def _record_load_months(connection: duckdb.DuckDBPyConnection, load_id: int,
                        month_rows: list[tuple[str, dt.date, str, dt.date, bool]]) -> None:
    """The load's ``month_vintages`` rows in raw.file_load_months."""
    connection.executemany(
        "insert into raw.file_load_months values (?, ?, ?, ?, ?, ?)",
        [(load_id, *row) for row in month_rows],
    )


def _record_load(connection: duckdb.DuckDBPyConnection, load_id: int, path: Path, digest: str, *, kind: str,
                 series_code: str | None, flows: str, year: int | None, source_label: str,
                 vintage_date: dt.date, months: list[dt.date], data_rows: int, rejected: int, stored: int,
                 encoding: str) -> None:
    """One row in raw.file_loads describing a load."""
    connection.execute(
        """insert into raw.file_loads (load_id, file_name, file_path, file_sha256, file_kind, series_code,
               flows, data_year, source_label, vintage_date, first_month, last_month, data_row_count,
               rejected_row_count, stored_cell_count, encoding, loader_version)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [load_id, path.name, str(path.resolve()), digest, kind, series_code, flows, year, source_label,
         vintage_date, months[0], months[-1], data_rows, rejected, stored, encoding, __version__],
    )


# ---------------------------------------------------------------------------
# microdata: e-Stat 統計品別表 / 品別国別表 (the layout is estat_layout.py)
#
# ``load_microdata`` runs these steps in one transaction; the rows go through three temporary tables:
# staged_lines (every data line split into fields) → checked_lines (each with its reject reason, null
# when valid) → keyed_lines (the valid rows with their key as stored and its first occurrence).

#: Placeholder reason of a row with a figure that breaks the number rule, until it is explained.
BAD_NUMBER = "bad number"
#: Reason of a row with figures in a month after the declared last published month (then the month).
FIGURES_AFTER_LAST_MONTH = "non-zero figures after the declared last published month"


@dataclass(frozen=True)
class MicrodataHeader:
    """Line 1 of an e-Stat microdata file: its layout and where each column is."""

    layout: str                # estat_layout.WORLD_LAYOUT or estat_layout.BY_COUNTRY_LAYOUT
    positions: dict[str, int]  # column name (month aliases resolved) → 1-based index in a row's fields

    @property
    def width(self) -> int:
        """The number of fields of a well-formed row."""
        return len(self.positions)

    def field(self, name: str) -> str:
        """SQL: the text of column ``name`` in a row's ``fields`` list."""
        return f"fields[{self.positions[name]}]"

    def country_field(self) -> str:
        """SQL: the country cell of a row, or null in the world-level layout."""
        return self.field(COUNTRY_COLUMN) if COUNTRY_COLUMN in self.positions else "null"


def read_header(lines: list[tuple[int, str, str | None]], file_name: str) -> list[str]:
    """The column names of line 1 of ``split_lines`` output; LoadError when line 1 is not text."""
    _, text, problem = lines[0]
    if problem:
        raise LoadError(f"{file_name} line 1: {problem}")
    return text.split(",")


def map_microdata_header(header: list[str], file_name: str) -> MicrodataHeader:
    """Validate an e-Stat header by column NAME: every column of the world-level layout, and at most
    ``Country`` besides (the by-country layout); LoadError naming what is missing or extra."""
    positions: dict[str, int] = {}
    for position, raw_name in enumerate(header, start=1):
        name = canonical_column_name(raw_name)
        if name in positions:
            raise LoadError(f"{file_name} line 1: column {name!r} appears twice")
        positions[name] = position
    required = estat_header(by_country=False)
    missing = [name for name in required if name not in positions]
    if missing:
        raise LoadError(
            f"{file_name} line 1: not an e-Stat 統計品別表 / 品別国別表 header; missing column(s) "
            f"{', '.join(missing[:6])}{' …' if len(missing) > 6 else ''}. "
            "Download the CSV (English header) from e-Stat or the customs site and load it unchanged."
        )
    extra = [name for name in positions if name not in required and name != COUNTRY_COLUMN]
    if extra:
        raise LoadError(
            f"{file_name} line 1: unexpected column(s) {', '.join(extra)}; "
            "only the world-level and by-country layouts are supported (not by customs office)."
        )
    return MicrodataHeader(BY_COUNTRY_LAYOUT if COUNTRY_COLUMN in positions else WORLD_LAYOUT, positions)


def declared_last_month(path: Path, through_month: dt.date | None, title: str | None) -> dt.date:
    """The last published month the file covers: ``through_month``, else the month of the title
    ('YYYY年M月分'), else ``YYYY_MM`` / ``YYYY-MM`` in the file name. Months not yet published are 0
    in these files, so it is never read from the data. A title is checked even when not used."""
    if title:
        title_last, _ = stages_from_title(title, "export")  # the stages are read per flow when stored
        through_month = through_month or title_last
    if through_month is not None:
        return through_month
    found = re.search(r"(\d{4})[-_](\d{2})(?!\d)", path.stem)
    if not found:
        raise LoadError(
            f"{path.name}: the last published month is unknown. Months not yet published are 0 in "
            "these files, so it cannot be read from the data: pass --through YYYY-MM (or --title)."
        )
    return dt.date(int(found.group(1)), int(found.group(2)), 1)


def _lines_table(lines: list[tuple[int, str, str | None]]):
    """``split_lines`` output as an Arrow table (source_line, raw_text, decode_problem) for DuckDB."""
    import pyarrow as pa

    numbers, texts, problems = zip(*lines) if lines else ((), (), ())
    return pa.table({"source_line": pa.array(numbers, pa.int32()), "raw_text": pa.array(texts, pa.string()),
                     "decode_problem": pa.array(problems, pa.string())})


def _stage_lines(connection: duckdb.DuckDBPyConnection, data_lines, file_name: str) -> int:
    """Temporary table staged_lines: the data lines (an Arrow table from ``_lines_table``, registered,
    never a path) without blank lines, each split into ``fields``. Returns their number; LoadError
    when there is none."""
    connection.register("microdata_input_lines", data_lines)
    connection.execute("""
        create or replace temporary table staged_lines as
        select source_line, raw_text, decode_problem, string_split(raw_text, ',') as fields
        from microdata_input_lines
        where trim(raw_text) <> ''
    """)
    connection.unregister("microdata_input_lines")
    data_rows = connection.execute("select count(*) from staged_lines").fetchone()[0]
    if data_rows == 0:
        raise LoadError(f"{file_name}: no data rows after the header")
    return data_rows


def _file_year(connection: duckdb.DuckDBPyConnection, header: MicrodataHeader, file_name: str) -> int:
    """The file's year: the most frequent ``Year`` of the rows of the right width; LoadError when no
    row has the right width."""
    year = connection.execute(f"""
        select mode(trim({header.field(YEAR_COLUMN)})) from staged_lines where len(fields) = {header.width}
    """).fetchone()[0]
    if year is None or not str(year).isdigit():
        raise LoadError(f"{file_name}: no row has the expected {header.width} fields; is this the right file?")
    return int(year)


def _last_month_number(through_month: dt.date, year: int, file_name: str) -> int:
    """The last month (1–12) of ``year`` the file covers; LoadError when the declared last published
    month is before the file's year."""
    if through_month.year < year:
        raise LoadError(f"{file_name}: --through {through_month:%Y-%m} is before the file's year {year}")
    return through_month.month if through_month.year == year else 12


def _breaks_number_rule_sql(header: MicrodataHeader) -> str:
    """SQL condition: a figure of the row breaks the strict number rule (``numbers.COUNT_PATTERN``)."""
    return " or ".join(
        f"not regexp_full_match(trim({header.field(name)}, ' '), '{COUNT_PATTERN}')" for name in NUMERIC_COLUMNS
    )


def _bad_number_cells_sql(header: MicrodataHeader) -> str:
    """SQL: the row's (column_name, cell) structs whose cell breaks the number rule."""
    return "list_filter([" + ", ".join(
        f"{{'column_name': '{name}', 'cell': {header.field(name)}}}" for name in NUMERIC_COLUMNS
    ) + f"], lambda c: not regexp_full_match(trim(c.cell, ' '), '{COUNT_PATTERN}'))"


def _year_total_differs_sql(header: MicrodataHeader) -> str:
    """SQL condition: for some measure, the year total differs from the sum of the twelve months."""
    def sum_of_months(measure: str) -> str:
        return " + ".join(f"cast(trim({header.field(month_column(measure, month))}, ' ') as hugeint)"
                          for month in range(1, 13))

    return " or ".join(
        f"cast(trim({header.field(year_column(measure))}, ' ') as hugeint) <> ({sum_of_months(measure)})"
        for measure in MEASURES
    )


def _figures_after_sql(header: MicrodataHeader, last_month: int) -> str:
    """SQL condition: a figure of a month after ``last_month`` (1–12) is not 0."""
    return " or ".join(
        f"cast(trim({header.field(month_column(measure, month))}, ' ') as bigint) <> 0"
        for month in range(last_month + 1, 13)
        for measure in MEASURES
    ) or "false"


def _check_rows(connection: duckdb.DuckDBPyConnection, header: MicrodataHeader, year: int,
                through_month: dt.date, last_month: int) -> None:
    """Temporary table checked_lines: every staged row with the reason it is rejected (the first
    problem found; null when the row is valid), bad figures explained by ``numbers.count_problem``."""
    flow, code, country = header.field(FLOW_COLUMN), header.field(CODE_COLUMN), header.country_field()
    flow_codes = ", ".join(f"'{flow_code}'" for flow_code in FLOW_CODES)
    flow_meanings = ", ".join(f"{flow_code} = {name}" for flow_code, name in FLOW_CODES.items())
    connection.execute(f"""
        create or replace temporary table checked_lines as
        select
            source_line, raw_text, fields,
            case
                when decode_problem is not null
                    then decode_problem
                when len(fields) <> {header.width}
                    then 'expected {header.width} fields, found ' || len(fields) || ' (truncated or extra fields)'
                when trim({flow}) not in ({flow_codes})
                    then 'unknown flow ' || {flow} || ' in column {FLOW_COLUMN} ({flow_meanings})'
                when trim({header.field(YEAR_COLUMN)}) <> '{year}'
                    then 'year ' || {header.field(YEAR_COLUMN)} || ' differs from the file''s year {year}'
                when not regexp_full_match({code}, '''[0-9A-Z]{{9}}''')
                    then 'statistical code ' || {code} || ' is not 9 characters in single quotes'
                when {country} is not null
                     and not regexp_full_match(trim({country}), '[0-9]{{3}}|''[0-9]{{3}}''')
                    then 'country code ' || {country} || ' is not 3 digits'
                when {_breaks_number_rule_sql(header)}
                    then '{BAD_NUMBER}'  -- replaced by _explain_bad_numbers
                when {_year_total_differs_sql(header)}
                    then 'year total differs from the sum of the months'
                when {_figures_after_sql(header, last_month)}
                    then '{FIGURES_AFTER_LAST_MONTH} {through_month:%Y-%m}'
            end as reason
        from staged_lines
    """)
    _explain_bad_numbers(connection, _bad_number_cells_sql(header))


def _explain_bad_numbers(connection: duckdb.DuckDBPyConnection, bad_cells_sql: str) -> None:
    """Replace the placeholder reason of rows whose figures break the number rule by one phrase per
    bad cell from ``numbers.count_problem``, e.g. ``negative value (…) in Value-Jan: -100``.
    ``bad_cells_sql`` lists a row's (column_name, cell) structs that fail ``COUNT_PATTERN``."""
    rows = connection.execute(
        f"select source_line, {bad_cells_sql} from checked_lines where reason = ?", [BAD_NUMBER]).fetchall()
    if not rows:
        return
    reasons = pd.DataFrame(
        [(line, "; ".join(f"{count_problem(strip_spaces(c['cell'] or ''))} in {c['column_name']}: "
                          f"{strip_spaces(c['cell'] or '')}" for c in cells)) for line, cells in rows],
        columns=["source_line", "reason"])
    connection.register("number_reasons", reasons)
    connection.execute("""
        update checked_lines set reason = number_reasons.reason
        from number_reasons where checked_lines.source_line = number_reasons.source_line""")
    connection.unregister("number_reasons")


def _key_rows(connection: duckdb.DuckDBPyConnection, header: MicrodataHeader) -> None:
    """Temporary table keyed_lines: the valid rows of checked_lines with their key as stored (flow
    code; statistical code and country without quotes, so '108' and 108 are the same country), the
    row's occurrence of its key and the key's first line."""
    connection.execute(f"""
        create or replace temporary table keyed_lines as
        with keyed as (
            select *,
                trim({header.field(FLOW_COLUMN)}) as flow_code,
                replace({header.field(CODE_COLUMN)}, '''', '') as hs9_code,
                replace(trim({header.country_field()}), '''', '') as country_code
            from checked_lines
            where reason is null
        )
        select *,
            row_number() over (partition by flow_code, hs9_code, country_code order by source_line) as occurrence,
            min(source_line) over (partition by flow_code, hs9_code, country_code) as first_line
        from keyed
    """)


def _count_rejects(connection: duckdb.DuckDBPyConnection) -> int:
    """The rows rejected: those with a reason, and every later occurrence of a key."""
    return connection.execute("""
        select
            (select count(*) from checked_lines where reason is not null)
            + (select count(*) from keyed_lines where occurrence > 1)
    """).fetchone()[0]


def _refuse_implausible_file(connection: duckdb.DuckDBPyConnection, file_name: str, data_rows: int,
                             rejected: int, through_month: dt.date, max_reject_share: float) -> None:
    """LoadError when the file as a whole is wrong: half or more of its rows have figures after the
    declared last published month (the declaration is wrong), or more than ``max_reject_share`` of
    its rows are rejected (the first problems are listed)."""
    later_month_rows = connection.execute(
        "select count(*) from checked_lines where reason like ?", [f"{FIGURES_AFTER_LAST_MONTH}%"]
    ).fetchone()[0]
    if later_month_rows and later_month_rows * 2 >= data_rows:
        raise LoadError(
            f"{file_name}: {later_month_rows} of {data_rows} rows have figures after "
            f"{through_month:%Y-%m}; the declared last published month is wrong — pass --through"
        )
    if rejected > max_reject_share * data_rows:
        sample = connection.execute("""
            select source_line, reason from checked_lines where reason is not null
            order by source_line limit 3
        """).fetchall()
        detail = "; ".join(f"line {line}: {reason}" for line, reason in sample)
        raise LoadError(
            f"{file_name}: {rejected} of {data_rows} rows are malformed (more than "
            f"{max_reject_share:.0%}); the file was not loaded. First problems: {detail}"
        )


def _accepted_flow_codes(connection: duckdb.DuckDBPyConnection, file_name: str) -> list[str]:
    """The ``Exp or Imp`` codes of the rows to be stored, sorted; LoadError when every row was rejected."""
    flow_codes = [row[0] for row in connection.execute(
        "select distinct flow_code from keyed_lines where occurrence = 1 order by 1"
    ).fetchall()]
    if not flow_codes:
        raise LoadError(f"{file_name}: every row was rejected")
    return flow_codes


def _microdata_month_vintages(flow_codes: list[str], months: list[dt.date], vintage_date: dt.date,
                              stage: str | None, title: str | None) -> list[tuple[str, dt.date, str, dt.date, bool]]:
    """``month_vintages`` of every flow of the file; the stages a title names are read per flow."""
    month_rows = []
    for flow_code in flow_codes:
        flow = FLOW_CODES[flow_code]
        title_stages = stages_from_title(title, flow)[1] if title else None
        month_rows += month_vintages(flow, months, vintage_date, stage, title_stages)
    return month_rows


def _store_cells(connection: duckdb.DuckDBPyConnection, load_id: int, year: int, header: MicrodataHeader,
                 last_month: int) -> int:
    """Insert the month cells up to ``last_month`` of the first occurrence of each key into
    raw.customs_microdata, except cells whose quantities and value are all 0; the number stored."""
    connection.execute(_insert_microdata_sql(load_id, year, header, last_month))
    return connection.execute(
        "select count(*) from raw.customs_microdata where load_id = ?", [load_id]
    ).fetchone()[0]


def _insert_microdata_sql(load_id: int, year: int, header: MicrodataHeader, last_month: int) -> str:
    """Unpivot the month blocks of keyed_lines into raw.customs_microdata rows."""
    month_structs = ", ".join(
        "{'month_number': %d, 'q1': %s, 'q2': %s, 'v': %s}"
        % (month, *(header.field(month_column(measure, month)) for measure in MEASURES))
        for month in range(1, last_month + 1)
    )
    flow_names = " ".join(f"when '{flow_code}' then '{flow}'" for flow_code, flow in FLOW_CODES.items())
    unit1, unit2 = (header.field(unit) for unit in UNIT_COLUMNS)
    return f"""
        insert into raw.customs_microdata
        with cells as (
            select source_line, flow_code, hs9_code, country_code,
                nullif(trim({unit1}), '') as unit1,
                nullif(trim({unit2}), '') as unit2,
                unnest([{month_structs}]) as cell
            from keyed_lines
            where occurrence = 1
        )
        select
            {load_id}, source_line,
            case flow_code {flow_names} end,
            hs9_code, country_code, unit1, unit2,
            make_date({year}, cell.month_number, 1),
            cast(trim(cell.q1, ' ') as bigint),
            cast(trim(cell.q2, ' ') as bigint),
            cast(trim(cell.v, ' ') as bigint)
        from cells
        where cast(trim(cell.q1, ' ') as bigint) <> 0 or cast(trim(cell.q2, ' ') as bigint) <> 0
           or cast(trim(cell.v, ' ') as bigint) <> 0
    """


def _store_rejects(connection: duckdb.DuckDBPyConnection, load_id: int, file_name: str) -> None:
    """Insert the rejected rows into raw.load_rejects: those with a reason, and each later occurrence
    of a key as a duplicate of its first line."""
    connection.execute(f"""
        insert into raw.load_rejects (load_id, file_name, source_line, raw_text, reason)
        select {load_id}, ?, source_line, raw_text, reason from checked_lines where reason is not null
        union all
        select {load_id}, ?, source_line, raw_text, 'duplicate of line ' || first_line || ' (same flow, code and country)'
        from keyed_lines where occurrence > 1
    """, [file_name, file_name])


def _microdata_result(file_name: str, load_id: int, data_rows: int, rejected: int, stored: int,
                      months: list[dt.date]) -> LoadResult:
    """The result of a microdata load, with a message saying what was loaded and where the rejects are."""
    message = f"{file_name}: loaded {data_rows - rejected} rows ({stored} month cells) as load {load_id}"
    if rejected:
        message += (f"; {rejected} malformed rows went to raw.load_rejects "
                    f"(select * from raw.load_rejects where load_id = {load_id}) — fix them and reload the file")
    return LoadResult(file_name, "loaded", load_id, data_rows, rejected, stored,
                      [f"{m:%Y-%m}" for m in months], message)


def load_microdata(
    connection: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    through_month: dt.date | None = None,
    vintage_date: dt.date | None = None,
    stage: str | None = None,
    title: str | None = None,
    source_label: str = "user",
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
    partial: bool = False,
) -> LoadResult:
    """Load one e-Stat microdata CSV (either layout) as a new vintage.

    The load covers every HS chapter of its flows and months, or with ``partial`` only the chapters it
    has data in; a re-issue covering less than the vintage it replaces is refused (coverage.py)."""
    from .coverage import record_microdata_coverage

    path = Path(path)
    content, digest, already = _read_new_file(connection, path)
    if already:
        return already
    lines = split_lines(content)
    del content
    header = map_microdata_header(read_header(lines, path.name), path.name)
    through_month = declared_last_month(path, through_month, title)
    if vintage_date is None:
        raise LoadError(f"{path.name}: pass --vintage-date (the day the file was published or downloaded)")
    data_lines = _lines_table(lines[1:])
    del lines
    connection.execute("begin transaction")
    try:
        data_rows = _stage_lines(connection, data_lines, path.name)
        year = _file_year(connection, header, path.name)
        last_month = _last_month_number(through_month, year, path.name)
        _check_rows(connection, header, year, through_month, last_month)
        _key_rows(connection, header)
        rejected = _count_rejects(connection)
        _refuse_implausible_file(connection, path.name, data_rows, rejected, through_month, max_reject_share)
        flow_codes = _accepted_flow_codes(connection, path.name)
        load_id = _next_load_id(connection)
        months = [dt.date(year, month, 1) for month in range(1, last_month + 1)]
        month_rows = _microdata_month_vintages(flow_codes, months, vintage_date, stage, title)
        stored = _store_cells(connection, load_id, year, header, last_month)
        _store_rejects(connection, load_id, path.name)
        _record_load_months(connection, load_id, month_rows)
        _record_load(connection, load_id, path, digest, kind=header.layout, series_code=None,
                     flows=",".join(FLOW_CODES[code] for code in flow_codes), year=year,
                     source_label=source_label, vintage_date=vintage_date, months=months, data_rows=data_rows,
                     rejected=rejected, stored=stored, encoding="ascii")
        record_microdata_coverage(connection, load_id, header.layout, path.name, partial)
        connection.execute("commit")
    except BaseException:
        connection.execute("rollback")
        raise
    return _microdata_result(path.name, load_id, data_rows, rejected, stored, months)


# ---------------------------------------------------------------------------
# official series


def default_vintage_date(last_month: dt.date) -> dt.date:
    """Approximate publication day of a month's preliminary release: the 20th of the next month."""
    return add_months(last_month, 1).replace(day=20)


def load_official_series(
    connection: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    vintage_date: dt.date | None = None,
    source_label: str = "official",
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
) -> LoadResult:
    """Load a MOF time-series CSV (d41ma / d51ma / d61ma layouts) as a new vintage."""
    path = Path(path)
    content, digest, already = _read_new_file(connection, path)
    if already:
        return already
    try:
        series = parse_official_series(path, content)
    except OfficialSeriesError as error:
        raise LoadError(f"{path.name}: {error}") from error
    if not series.rows:
        raise LoadError(f"{path.name}: no published month found")
    data_rows = len({row.source_line for row in series.rows}) + len(series.rejects)
    if len(series.rejects) > max_reject_share * data_rows:
        first = series.rejects[0]
        raise LoadError(
            f"{path.name}: {len(series.rejects)} of {data_rows} rows are malformed; the file was not loaded. "
            f"First problem: line {first.source_line}: {first.reason}"
        )
    months = series.months
    vintage_date = vintage_date or default_vintage_date(months[-1])
    connection.execute("begin transaction")
    try:
        load_id = _next_load_id(connection)
        frame = pd.DataFrame(
            [(load_id, r.source_line, series.series_code, series.area_code, r.flow, r.release_item_code,
              r.period_month, r.value_thousand_yen, r.quantity, r.quantity_unit) for r in series.rows],
            columns=["load_id", "source_line", "series_code", "area_code", "flow", "release_item_code",
                     "period_month", "value_thousand_yen", "quantity", "quantity_unit"],
        )
        frame["quantity"] = frame["quantity"].astype("Int64")
        connection.register("official_frame", frame)
        connection.execute("insert into raw.official_series select * from official_frame")
        connection.unregister("official_frame")
        month_rows = []
        for flow in series.flows:
            flow_months = sorted({r.period_month for r in series.rows if r.flow == flow})
            month_rows += month_vintages(flow, flow_months, vintage_date)
        _record_load_months(connection, load_id, month_rows)
        if series.rejects:
            connection.executemany(
                "insert into raw.load_rejects (load_id, file_name, source_line, raw_text, reason) values (?, ?, ?, ?, ?)",
                [(load_id, path.name, r.source_line, r.raw_text, r.reason) for r in series.rejects],
            )
        _record_load(connection, load_id, path, digest, kind="official_series", series_code=series.series_code,
                     flows=",".join(series.flows), year=None, source_label=source_label,
                     vintage_date=vintage_date, months=months, data_rows=data_rows,
                     rejected=len(series.rejects), stored=len(frame), encoding=series.encoding)
        connection.execute("commit")
    except BaseException:
        connection.execute("rollback")
        raise
    message = (f"{path.name}: loaded {series.series_code} ({series.area_code}, {months[0]:%Y-%m}..{months[-1]:%Y-%m}, "
               f"{len(frame)} figures) as load {load_id}")
    if series.rejects:
        message += f"; {len(series.rejects)} malformed rows went to raw.load_rejects — fix them and reload the file"
    return LoadResult(path.name, "loaded", load_id, data_rows, len(series.rejects), len(frame),
                      [f"{m:%Y-%m}" for m in months], message)


# ---------------------------------------------------------------------------
# manifests: a JSON list of files with their kind and vintage


def _read_manifest(manifest: Path) -> dict:
    """The manifest's JSON; LoadError when it is not a readable JSON object with a list of files,
    each with a ``path`` and a ``kind``."""
    try:
        spec = json.loads(read_input(manifest, "the manifest (JSON) file").decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LoadError(f"{manifest}: not a JSON manifest ({error}); see data/official/manifest.json") from None
    files = spec.get("files") if isinstance(spec, dict) else None
    if not isinstance(files, list) or not all(isinstance(e, dict) and {"path", "kind"} <= e.keys() for e in files):
        raise LoadError(f"{manifest}: expected {{\"files\": [{{\"path\": …, \"kind\": …}}, …]}}; "
                        "see data/official/manifest.json")
    return spec


def _manifest_date(manifest: Path, entry: dict) -> dt.date:
    """An entry's vintage_date; LoadError naming the manifest and the file when it is not a date."""
    try:
        return dt.date.fromisoformat(str(entry["vintage_date"]))
    except ValueError:
        raise LoadError(f"{manifest.name}: vintage_date {entry['vintage_date']!r} of {entry['path']} "
                        "is not a date YYYY-MM-DD; correct the manifest") from None


def load_manifest(connection: duckdb.DuckDBPyConnection, manifest: Path, progress=print) -> list[LoadResult]:
    """Load every file a manifest lists (see data/official/manifest.json for the format).

    Each file is its own transaction: a failure stops the run with the files
    before it loaded and the failing file not loaded at all.
    """
    manifest = Path(manifest)
    spec = _read_manifest(manifest)
    results = []
    files = spec["files"]
    for number, entry in enumerate(files, start=1):
        path = manifest.parent / entry["path"]
        label = entry.get("source_label", spec.get("label", "user"))
        vintage = _manifest_date(manifest, entry) if entry.get("vintage_date") else None
        if entry["kind"] == "official_series":
            result = load_official_series(connection, path, vintage_date=vintage, source_label=label)
        elif entry["kind"] in ("customs_world", "customs_by_country"):
            result = load_microdata(
                connection, path,
                through_month=parse_month_text(entry["through_month"]) if entry.get("through_month") else None,
                vintage_date=vintage, stage=entry.get("stage"), title=entry.get("title"), source_label=label,
                partial=bool(entry.get("partial", False)),
            )
        elif entry["kind"] == "release_xml":
            from .release_xml import load_release_xml

            result = load_release_xml(connection, path, source_label=label)
        else:
            raise LoadError(f"{manifest.name}: unknown kind {entry['kind']!r} for {entry['path']}")
        if progress:
            progress(f"[{number}/{len(files)}] {result.message}")
        results.append(result)
    return results
