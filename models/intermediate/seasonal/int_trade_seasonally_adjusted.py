# grain: one row per measure ('exports', 'imports', 'balance') and period_month of the latest span
"""World exports and imports seasonally adjusted with X-13ARIMA-SEATS (X-11 mode), MOF specification.

Recomputed in full on every build over the latest span (120 months) ending at the last month of
int_trade_world_totals_monthly (world exports and imports of the selected vintage; respects var('as_of')). The specification is the seed
seasonal_adjustment_specs (latest spec_version). The wrapper is japan_trade.seasonal; any bad input
(too short, gaps, non-positive values) raises, so the model fails and no table is replaced.
Each measure's run diagnostics (model, AIC, outliers, M and Q statistics) are repeated on its rows;
fct_trade_seasonal_adjustment_diagnostics keeps one row per measure.
"""

import datetime as dt


def model(dbt, session):
    dbt.config(materialized="table")
    from japan_trade.seasonal import adjust_trade, load_specs

    monthly = dbt.ref("int_trade_world_totals_monthly").df()
    specs = load_specs(dbt.ref("seasonal_adjustment_specs").df().to_dict("records"))
    series, diagnostics = adjust_trade(monthly, specs)

    diagnostics = diagnostics.drop(columns=["measure", "spec_version", "regarima_model"]).assign(
        measure=diagnostics["measure"]).add_prefix("run_").rename(columns={"run_measure": "measure"})
    result = series.merge(diagnostics, on="measure", how="left")
    as_of = dbt.config.get("as_of")
    result["as_of"] = None if as_of in (None, "", "None") else dt.date.fromisoformat(str(as_of))
    result["adjusted_at"] = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    return result
