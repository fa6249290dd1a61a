"""MOF revision calendar: which stage a monthly figure is at, and since when.

Japan's trade figures pass through five stages (domain-notes §1.2):

    preliminary                 速報            ~3rd week of month m+1 (totals, main items)
    export_confirmed            輸出確報        end of month m+1 (exports, all detail)
    import_9digit_preliminary   輸入9桁速報     end of month m+1 (imports, all detail)
    import_confirmed            輸入確報        end of month m+2 (imports; never for December)
    revised                     確々報          March of year y+1 (data from 2020 on)
    final                       確定            November of year y+1 (from 2020 data on);
                                                 March of y+1 before 2020

Exact publication days are not published as a rule, so this module uses one
documented convention (docs/decisions/vintages.md): a stage counts as published
on the LAST day of the month it is due, except the preliminary release, whose
date is the file's vintage date (the day the newest month appeared).

`infer_month_vintage` answers: in a file published (downloaded) on
`vintage_date`, at which stage is month `period_month` of `flow`, and on which
date was that stage published?  A later stage always replaces an earlier one,
so the answer is the latest stage whose publication date is on or before the
vintage date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

STAGES: tuple[str, ...] = (
    "preliminary",
    "export_confirmed",
    "import_9digit_preliminary",
    "import_confirmed",
    "revised",
    "final",
)

FLOWS: tuple[str, ...] = ("export", "import")


@dataclass(frozen=True)
class MonthVintage:
    """Stage of one (flow, month) figure and the date that stage was published."""

    flow: str
    period_month: dt.date
    revision_stage: str
    published_date: dt.date
    is_inferred: bool = True


def month_end(year: int, month: int) -> dt.date:
    """Last calendar day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """First day of the month `months` after the month of `day`."""
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def stage_schedule(flow: str, period_month: dt.date) -> list[tuple[str, dt.date]]:
    """The stages after the preliminary release, with their conventional dates.

    Ordered from earliest to latest. The preliminary release itself has no
    conventional date here; it takes the vintage date of the file.
    """
    if flow not in FLOWS:
        raise ValueError(f"flow must be 'export' or 'import', got {flow!r}")
    year, month = period_month.year, period_month.month
    next_month = add_months(period_month, 1)
    schedule: list[tuple[str, dt.date]] = []
    if flow == "export":
        schedule.append(("export_confirmed", month_end(next_month.year, next_month.month)))
    else:
        schedule.append(("import_9digit_preliminary", month_end(next_month.year, next_month.month)))
        if month != 12:
            after_next = add_months(period_month, 2)
            schedule.append(("import_confirmed", month_end(after_next.year, after_next.month)))
    if year >= 2020:
        schedule.append(("revised", month_end(year + 1, 3)))
        schedule.append(("final", month_end(year + 1, 11)))
    else:
        schedule.append(("final", month_end(year + 1, 3)))
    return schedule


def infer_month_vintage(flow: str, period_month: dt.date, vintage_date: dt.date) -> MonthVintage:
    """Stage and publication date of a month as held in a file of `vintage_date`.

    Raises ValueError when the month cannot have been published by that date
    (the preliminary release of month m appears in month m+1 at the earliest).
    """
    period_month = period_month.replace(day=1)
    if vintage_date < add_months(period_month, 1):
        raise ValueError(
            f"{flow} {period_month:%Y-%m} cannot be in a file published on {vintage_date}: "
            "a month is first published in the following month"
        )
    stage, published = "preliminary", vintage_date
    for candidate_stage, candidate_date in stage_schedule(flow, period_month):
        if candidate_date <= vintage_date:
            stage, published = candidate_stage, candidate_date
    return MonthVintage(flow, period_month, stage, published, True)

