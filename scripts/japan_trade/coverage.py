"""What a microdata load covers, and the guard against a re-issue that covers less than it replaces.

The unit of supersession is (table, flow, month, HS chapter): a later vintage replaces an earlier one
only for the units it covers (docs/decisions/vintages.md). A full file covers every chapter
'00'–'97' of its flows and months; a file declared partial (``--partial``) covers the chapters in
which it has at least one stored cell. Loads without coverage rows (other kinds, or loaded before
coverage was recorded) cover whole months.

The guard compares the new load with the vintage each of its units would replace — per unit, the
latest load not withdrawn and published on or before the new one (what a build as of the new
publication date would have used) — and refuses the file (``LoadError``, the caller rolls back) when

1. a chapter that has cells in the replaced vintage has none in the new file, in any covered month of
   that flow (a full file that is really a few chapters: declare it ``--partial``); or
2. for a flow and month, the new file stores fewer than half the cells the replaced vintage has in the
   same units (a truncated file, or a wrong ``--through`` declaring unpublished months).

Rule 2 holds for partial files too: a correction must carry every row of the chapters it covers. If
the earlier vintage is the mistake, withdraw it first (``japan-trade unload``).
"""

from __future__ import annotations

import duckdb

from .loaders import LoadError
from .withdrawals import WITHDRAWN_LOADS_SQL

HS_CHAPTERS = tuple(f"{number:02d}" for number in range(98))
#: Rule 2: a re-issue must store at least this share of the cells of the units it replaces.
MIN_CELL_SHARE = 0.5

#: Every microdata unit any load covers: recorded coverage, else the load's whole months.
UNIT_COVERAGE_SQL = f"""
    select load_id, flow, period_month, table_name, hs_chapter from raw.file_load_coverage
    union all
    select months.load_id, months.flow, months.period_month, loads.file_kind, chapters.hs_chapter
    from raw.file_load_months as months
    inner join raw.file_loads as loads on months.load_id = loads.load_id
    cross join (select lpad(cast(range as varchar), 2, '0') as hs_chapter from range({len(HS_CHAPTERS)})) as chapters
    where loads.file_kind in ('customs_world', 'customs_by_country')
        and months.load_id not in (select load_id from raw.file_load_coverage)
"""


def record_microdata_coverage(connection: duckdb.DuckDBPyConnection, load_id: int, table: str,
                              file_name: str, partial: bool) -> None:
    """Write the coverage rows of a microdata load whose cells, months and file row are already
    inserted (same transaction), then apply the guard."""
    if partial:
        connection.execute("""
            insert into raw.file_load_coverage
            select distinct months.load_id, months.flow, months.period_month, ?, left(cells.hs9_code, 2)
            from raw.file_load_months as months
            inner join raw.customs_microdata as cells
                on cells.load_id = months.load_id and cells.flow = months.flow
            where months.load_id = ?
        """, [table, load_id])
    else:
        connection.execute(f"""
            insert into raw.file_load_coverage
            select months.load_id, months.flow, months.period_month, ?, chapters.hs_chapter
            from raw.file_load_months as months
            cross join (select unnest(?::varchar[]) as hs_chapter) as chapters
            where months.load_id = ?
        """, [table, list(HS_CHAPTERS), load_id])
    problem = coverage_shortfall(connection, load_id)
    if problem:
        hint = ("if the file is a partial re-issue (some chapters only), load it with --partial "
                "(manifest: \"partial\": true)" if problem.startswith("chapter") else
                "check --through and that the file is complete")
        raise LoadError(f"{file_name}: {problem}; {hint}. If the earlier load is the mistake, "
                        "withdraw it first with `japan-trade unload LOAD_ID`.")


def coverage_shortfall(connection: duckdb.DuckDBPyConnection, load_id: int) -> str | None:
    """The first way in which ``load_id`` covers less than the vintage it replaces, or None."""
    connection.execute(f"""
        create or replace temporary table guard_units as
        with units as ({UNIT_COVERAGE_SQL}),
        new_units as (
            select units.flow, units.period_month, units.table_name, units.hs_chapter, months.published_date
            from units
            inner join raw.file_load_months as months
                on units.load_id = months.load_id and units.flow = months.flow
                and units.period_month = months.period_month
            where units.load_id = $load_id
        ),
        replaced as (
            select new_units.flow, new_units.period_month, new_units.hs_chapter, units.load_id
            from new_units
            inner join units
                on units.table_name = new_units.table_name and units.flow = new_units.flow
                and units.period_month = new_units.period_month and units.hs_chapter = new_units.hs_chapter
            inner join raw.file_load_months as months
                on units.load_id = months.load_id and units.flow = months.flow
                and units.period_month = months.period_month
            where units.load_id <> $load_id
                and months.published_date <= new_units.published_date
                and units.load_id not in ({WITHDRAWN_LOADS_SQL})
            qualify row_number() over (
                partition by new_units.flow, new_units.period_month, new_units.hs_chapter
                order by months.published_date desc, units.load_id desc
            ) = 1
        ),
        cell_counts as (
            select load_id, flow, period_month, left(hs9_code, 2) as hs_chapter, count(*) as cells
            from raw.customs_microdata
            where load_id = $load_id or load_id in (select load_id from replaced)
            group by all
        )
        select
            replaced.flow, replaced.period_month, replaced.hs_chapter, replaced.load_id as replaced_load_id,
            coalesce(old_cells.cells, 0) as replaced_cells, coalesce(new_cells.cells, 0) as new_cells
        from replaced
        left join cell_counts as old_cells
            on old_cells.load_id = replaced.load_id and old_cells.flow = replaced.flow
            and old_cells.period_month = replaced.period_month and old_cells.hs_chapter = replaced.hs_chapter
        left join cell_counts as new_cells
            on new_cells.load_id = $load_id and new_cells.flow = replaced.flow
            and new_cells.period_month = replaced.period_month and new_cells.hs_chapter = replaced.hs_chapter
    """, {"load_id": load_id})
    dropped = connection.execute("""
        select flow, hs_chapter, min(replaced_load_id), sum(replaced_cells)
        from guard_units
        group by flow, hs_chapter
        having sum(replaced_cells) > 0 and sum(new_cells) = 0
        order by flow, hs_chapter
    """).fetchall()
    if dropped:
        flow = dropped[0][0]
        chapters = [row[1] for row in dropped if row[0] == flow]
        return (f"chapter(s) {', '.join(chapters[:8])}{' …' if len(chapters) > 8 else ''} of the {flow}s have "
                f"data in load {dropped[0][2]} and none in this file, which would hide them")
    shrunk = connection.execute("""
        select flow, period_month, min(replaced_load_id), sum(replaced_cells), sum(new_cells)
        from guard_units
        group by flow, period_month
        having sum(new_cells) < ? * sum(replaced_cells)
        order by flow, period_month
    """, [MIN_CELL_SHARE]).fetchall()
    if shrunk:
        flow, month, replaced_load, old, new = shrunk[0]
        return (f"{flow}s of {month:%Y-%m}: {new:,} cell(s) where load {replaced_load} has {old:,} in the same "
                f"chapters (less than {MIN_CELL_SHARE:.0%}; {len(shrunk)} month(s) like this)")
    return None
