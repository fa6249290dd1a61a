"""One strict rule for the numbers in every input file (docs/decisions/loading.md, "Numbers").

* counts — thousand yen and quantities in the customs microdata and the MOF time series: plain
  digits, at most 18 of them (so every value and every sum of twelve months fits a bigint), no
  sign, no decimal point, no exponent. None of these figures is ever negative (the balance is
  computed in dbt, never loaded).
* rates — yen per unit of a currency: digits with at most 4 decimals and at most 8 integer digits
  (``decimal(12, 4)``), no sign, no exponent, greater than zero.

Spaces around a number are allowed (the MOF files write ``9185075620 ``); nothing else is. The
microdata loader checks the same patterns in SQL (``COUNT_PATTERN`` is passed to
``regexp_full_match``) and takes its reasons from :func:`count_problem`, so both paths apply one rule.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: A count: non-negative integer of 1 to 18 digits (RE2 and Python ``re`` read it the same way).
COUNT_PATTERN = "[0-9]{1,18}"
#: A rate: up to 8 integer digits and up to 4 decimals.
RATE_PATTERN = r"[0-9]{1,8}(\.[0-9]{1,4})?"
NEGATIVE = "negative value (never negative in these files)"


def strip_spaces(text: str) -> str:
    """Remove the spaces (only spaces, like SQL ``trim``) around a cell."""
    return text.strip(" ")


def count_problem(text: str) -> str | None:
    """Why ``text`` (spaces already stripped) is not a count, or None when it is one."""
    if re.fullmatch(COUNT_PATTERN, text):
        return None
    unsigned = text[1:] if text[:1] in "+-" else text
    if re.fullmatch(r"[0-9.]*[0-9][0-9.]*[eE][+-]?[0-9]+", unsigned):
        return "number in exponent notation"
    if text.startswith("-") and re.fullmatch(r"[0-9]+(\.[0-9]+)?", unsigned):
        return NEGATIVE
    if re.fullmatch(r"[0-9]+\.[0-9]+", text):
        return "decimal value where an integer is expected"
    if re.fullmatch(r"[0-9]+", text):
        return f"{len(text)}-digit value (at most 18 digits)"
    return "non-numeric value"


def parse_count(cell: str, column: str) -> int:
    """A count from a cell; ValueError('<problem> in <column>: <cell>') when it breaks the rule."""
    text = strip_spaces(cell)
    problem = count_problem(text)
    if problem:
        raise ValueError(f"{problem} in {column}: {text}")
    return int(text)


def rate_problem(text: str) -> str | None:
    """Why ``text`` (spaces already stripped) is not a rate, or None when it is one."""
    if re.fullmatch(RATE_PATTERN, text):
        return None if re.search("[1-9]", text) else "is not positive"
    if re.fullmatch(r"[0-9]+\.[0-9]{5,}", text):
        return "more than 4 decimals"
    if re.fullmatch(r"[0-9]{9,}(\.[0-9]+)?", text):
        return "more than 8 digits before the decimal point"
    problem = count_problem(text)
    return "non-numeric value" if problem and problem.startswith(("decimal", "non-numeric")) else problem


def parse_rate(cell: str, column: str = "rate") -> Decimal:
    """A rate from a cell; ValueError("rate '<cell>': <problem>") when it breaks the rule."""
    text = strip_spaces(cell)
    problem = rate_problem(text)
    if problem in ("is not positive", "non-numeric value"):
        raise ValueError(f"{column} {text!r} {'is not a number' if problem == 'non-numeric value' else problem}")
    if problem:
        raise ValueError(f"{column} {text!r}: {problem}")
    return Decimal(text)
