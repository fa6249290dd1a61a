"""Shared fixtures: paths and small e-Stat files written by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "scripts"))

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def estat_header(by_country: bool = True, april: str = "Apr") -> str:
    columns = ["Exp or Imp", "Year", "HS"] + (["Country"] if by_country else []) + [
        "Unit1", "Unit2", "Quantity1-Year", "Quantity2-Year", "Value-Year"]
    for month in MONTHS:
        name = april if month == "Apr" else month
        columns += [f"Quantity1-{name}", f"Quantity2-{name}", f"Value-{name}"]
    return ",".join(columns)


def estat_row(flow: str, code: str, country: str | None, months: list[tuple[int, int, int]],
              unit1: str = "  ", unit2: str = "KG", year: int = 2026) -> str:
    """A data row; `months` gives (q1, q2, value) for January onwards, the rest are 0."""
    cells = list(months) + [(0, 0, 0)] * (12 - len(months))
    totals = [sum(cell[i] for cell in cells) for i in range(3)]
    parts = [flow, str(year), f"'{code}'"] + ([country] if country is not None else []) + [unit1, unit2]
    parts += [str(v) for v in totals]
    for cell in cells:
        parts += [str(v) for v in cell]
    return ",".join(parts)


@pytest.fixture
def project() -> Path:
    return PROJECT


@pytest.fixture
def good_rows() -> list[str]:
    """Twenty valid by-country export rows for January–February 2026."""
    rows = []
    for number in range(20):
        code = f"{8471 + number:04d}30000"[:9]
        rows.append(estat_row("1", code, "105", [(0, 10 + number, 1000 + number), (0, 5, 500)]))
    return rows
