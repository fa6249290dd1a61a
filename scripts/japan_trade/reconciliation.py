"""Markdown table of official vs microdata release items from fct_trade_source_reconciliation."""

from __future__ import annotations

import datetime as dt

import duckdb


def reconciliation_markdown(connection: duckdb.DuckDBPyConnection, month: dt.date,
                            source: str | None = None) -> str:
    """One table per flow and microdata source (``source``, else every source with rows for the month):
    every release item, published value, microdata sum, difference (and quantities)."""
    sources = [source] if source else [row[0] for row in connection.execute("""
        select distinct microdata_source from fct_trade_source_reconciliation
        where period_month = ? order by microdata_source""", [month]).fetchall()]
    if not sources:
        raise ValueError(f"no reconciliation rows for {month:%Y-%m}")
    return "".join(_source_markdown(connection, month, name) for name in sources)


def _source_markdown(connection: duckdb.DuckDBPyConnection, month: dt.date, source: str) -> str:
    """The tables of one microdata source."""
    rows = connection.execute("""
        select r.flow, r.release_item_code, coalesce(i.name_ja, r.name_ja), i.item_order,
               r.official_value_thousand_yen, r.microdata_value_thousand_yen, r.difference_thousand_yen,
               r.difference_pct, r.quantity_unit, r.official_quantity, r.microdata_quantity,
               r.official_series_code, r.official_revision_stage, r.microdata_revision_stage
        from fct_trade_source_reconciliation as r
        left join main_reference.release_items as i
            on r.flow = i.flow and r.release_item_code = i.release_item_code
        where r.period_month = ? and r.microdata_source = ?
        order by r.flow, i.item_order
    """, [month, source]).fetchall()
    if not rows:
        raise ValueError(f"no reconciliation rows for {month:%Y-%m} and source {source}")
    lines = []
    for flow in ("export", "import"):
        flow_rows = [row for row in rows if row[0] == flow]
        if not flow_rows:
            continue
        worst = max(abs(row[7] or 0) for row in flow_rows)
        series, official_stage, micro_stage = flow_rows[0][11], flow_rows[0][12], flow_rows[0][13]
        lines += [
            f"\n### {flow}s, {month:%Y-%m} — {series} ({official_stage}) vs {source} microdata ({micro_stage})\n",
            f"Largest absolute difference: {worst:.4f} %.\n",
            "| item | code | published (thousand yen) | microdata through mapping | difference | diff % "
            "| unit | published quantity | microdata quantity |",
            "|---|---|---:|---:|---:|---:|---|---:|---:|",
        ]
        for (_, code, name, _, official, micro, difference, pct, unit, official_q, micro_q, *_rest) in flow_rows:
            quantity = (f"| {unit or ''} | {official_q:,} | {micro_q:,.0f} |" if unit and official_q is not None
                        and micro_q is not None else f"| {unit or ''} | | |")
            lines.append(f"| {name} | `{code}` | {official:,} | {micro:,} | {difference:,} | {pct:+.4f} {quantity}")
    return "\n".join(lines) + "\n"
