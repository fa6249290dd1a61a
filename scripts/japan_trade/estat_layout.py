"""The layout of e-Stat's customs CSV files: 統計品別表 (world level) and 品別国別表 (by country).

One place for what the files look like, read by the microdata loader (matching a header by column
name) and written by the synthetic generator and the tests' hand-made files:

* columns ``Exp or Imp``, ``Year``, ``HS``, (``Country`` in the by-country layout), ``Unit1``,
  ``Unit2``, the year totals ``Quantity1-Year``, ``Quantity2-Year``, ``Value-Year``, then one block of
  ``Quantity1-<Mon>``, ``Quantity2-<Mon>``, ``Value-<Mon>`` per month ``Jan`` … ``Dec``;
* some real files spell April ``Apl`` (``Quantity1-Apl``): an alias read as ``Apr``;
* ``Exp or Imp`` is 1 for exports and 2 for imports;
* the statistical code is written in single quotes (``'847130000'``), the country as 3 digits;
* a blank unit is written as two spaces.
"""

from __future__ import annotations

FLOW_COLUMN = "Exp or Imp"
YEAR_COLUMN = "Year"
CODE_COLUMN = "HS"
COUNTRY_COLUMN = "Country"
UNIT_COLUMNS = ("Unit1", "Unit2")
#: The three figures of a cell, in the order of each block.
MEASURES = ("Quantity1", "Quantity2", "Value")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Spellings seen in real files for a month in a column name (matched case-sensitively).
MONTH_ALIASES = {"Apl": "Apr"}

#: ``Exp or Imp`` code → flow.
FLOW_CODES = {"1": "export", "2": "import"}
#: Flow → the number written in ``Exp or Imp``.
FLOW_NUMBERS = {flow: int(code) for code, flow in FLOW_CODES.items()}

#: The quote around a statistical code (``'847130000'``).
CODE_QUOTE = "'"
#: A unit cell with no unit (the code has no quantity in that slot).
BLANK_UNIT = "  "

#: File kinds (``raw.file_loads.file_kind``) of the two layouts.
WORLD_LAYOUT = "customs_world"
BY_COUNTRY_LAYOUT = "customs_by_country"


def year_column(measure: str) -> str:
    """The year-total column of a measure, e.g. ``Value-Year``."""
    return f"{measure}-Year"


def month_column(measure: str, month_number: int) -> str:
    """The column of a measure in month 1…12, e.g. ``Quantity1-Apr`` for (``Quantity1``, 4)."""
    return f"{measure}-{MONTH_NAMES[month_number - 1]}"


#: Every figure column: the year totals, then the month blocks in file order.
NUMERIC_COLUMNS = tuple(year_column(measure) for measure in MEASURES) + tuple(
    month_column(measure, month) for month in range(1, 13) for measure in MEASURES)


def header(by_country: bool) -> list[str]:
    """The column names of line 1, in file order, of the by-country or the world-level layout."""
    return ([FLOW_COLUMN, YEAR_COLUMN, CODE_COLUMN] + ([COUNTRY_COLUMN] if by_country else [])
            + list(UNIT_COLUMNS) + list(NUMERIC_COLUMNS))


def canonical_column_name(name: str) -> str:
    """A header cell as this module names it: spaces around it dropped, a month alias (``Apl``)
    replaced by the month's usual name."""
    name = name.strip()
    measure, _, month = name.rpartition("-")
    if measure in MEASURES and month in MONTH_ALIASES:
        return f"{measure}-{MONTH_ALIASES[month]}"
    return name


def quote_code(code: str) -> str:
    """A statistical code as the files write it: ``847130000`` → ``'847130000'``."""
    return f"{CODE_QUOTE}{code}{CODE_QUOTE}"


def unquote_code(text: str) -> str:
    """A statistical code as stored: the file's cell without spaces and quotes around it."""
    return text.strip().strip(CODE_QUOTE)
