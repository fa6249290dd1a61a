"""`japan-trade`: the one command-line program for people and CI.

    japan-trade generate --scale small            synthetic e-Stat files (data/synthetic/small)
    japan-trade load official FILE…               MOF time series (d41ma, d51ma, d61ma …)
    japan-trade load microdata FILE… --through YYYY-MM --vintage-date YYYY-MM-DD
    japan-trade load rates RATES.csv              weekly customs exchange rates (week_start,currency,yen_per_unit)
    japan-trade load release FILE.xml…            MOF release XML (速報 and later parts, first 10 / 20 days)
    japan-trade load manifest MANIFEST.json       every file a manifest lists
    japan-trade unload LOAD_ID [--reason …] [--undo]   leave a load out of builds (recorded, reversible)
    japan-trade build [--as-of YYYY-MM-DD]        dbt seed + build, published only when every test passed
    japan-trade summary [--area world]            the latest month in the marts
    japan-trade rejects                           rows refused by the loaders
    japan-trade reconcile --month 2026-01         official vs microdata release items
    japan-trade release --month 2026-01 --lang ja --format md|html [--out FILE]   the monthly release
    japan-trade export --format parquet|csv|xlsx --out DIR [--mart NAME …]   the marts for BI tools
    japan-trade demo                              all of the above on the embedded DuckDB

Every command takes --database FILE: the published warehouse (default $JAPAN_TRADE_DUCKDB, else
warehouse/japan_trade.duckdb; relative values of the variable are taken from the project root).
Loaders write the raw store beside it (<stem>.raw.duckdb, or $JAPAN_TRADE_RAW_DUCKDB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import duckdb

from . import loaders, warehouse
from .build import BuildError, build_and_publish

EXIT_FAILED = 1
EXIT_REJECTED_ROWS = 2
EXIT_USAGE = 64             # EX_USAGE of sysexits.h; argparse's own 2 would read as "rows rejected"

EXIT_CODES = f"""\
exit codes:
  0   success
  {EXIT_FAILED}   a file or step failed: nothing of that file was loaded, a failed build published
      nothing (the warehouse is as before); the message says what, where and what to do
  {EXIT_REJECTED_ROWS}   files loaded but some rows were rejected (see `japan-trade rejects`)
  {EXIT_USAGE}  usage error: unknown command or option, or a malformed value
"""


class _Parser(argparse.ArgumentParser):
    """argparse with its own exit code for usage errors (EXIT_USAGE instead of 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from error


def _month(text: str) -> dt.date:
    try:
        return loaders.parse_month_text(text)
    except loaders.LoadError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _say(message: str) -> None:
    print(message, flush=True)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr, flush=True)
    return EXIT_FAILED


# ---------------------------------------------------------------------------
# steps


def run_generate(scale: str, out_dir: Path | None, seed: int) -> Path:
    from .synthetic import generate

    out_dir = out_dir or warehouse.project_root() / "data" / "synthetic" / scale
    started = time.perf_counter()
    _say(f"generating synthetic '{scale}' data into {out_dir} …")
    manifest = generate(scale, out_dir, seed=seed, progress=_say)
    _say(f"generated {manifest} in {time.perf_counter() - started:.1f} s")
    return manifest


def run_build(database: Path, as_of: dt.date | None = None, select: str | None = None,
              exclude: str | None = None) -> None:
    """dbt seed + build of a copy of ``database``, published when every model and test passed
    (japan_trade.build); BuildError / WarehouseError otherwise, the published file unchanged."""
    build_and_publish(database, as_of, select, exclude, progress=_say)


def print_summary(database: Path, area: str = "world", month: dt.date | None = None, counts: bool = True) -> bool:
    connection = warehouse.connect_for_reading(database)
    try:
        tables = {row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_name = 'fct_trade_balance_monthly'"
        ).fetchall()}
        if not tables:
            _say("no marts yet: run `japan-trade build`")
            return False
        query = """
            select period_month, exports_million_yen, exports_yoy_pct_display, imports_million_yen,
                   imports_yoy_pct_display, balance_million_yen, balance_yoy_pct_display,
                   is_exports_preliminary, is_imports_preliminary, is_synthetic, exports_revision_stage
            from fct_trade_balance_monthly
            where area_code = ? and exports_thousand_yen is not null and imports_thousand_yen is not null
        """
        parameters: list = [area]
        if month:
            query += " and period_month = ?"
            parameters.append(month)
        query += " order by period_month desc limit 1"
        row = connection.execute(query, parameters).fetchone()
        if not row:
            _say(f"no figures for area {area!r}")
            return False
        (period, exports, exports_growth, imports, imports_growth, balance, balance_growth,
         exports_p, imports_p, synthetic, stage) = row

        def growth(value) -> str:
            return "-" if value is None else f"{value:+.1f}%"

        _say(f"\n{area} — {period:%Y-%m} ({stage}{', synthetic below the published margins' if synthetic else ''})")
        _say(f"  exports {exports:>14,} million yen {growth(exports_growth):>9}{' (P)' if exports_p else ''}")
        _say(f"  imports {imports:>14,} million yen {growth(imports_growth):>9}{' (P)' if imports_p else ''}")
        _say(f"  balance {balance:>14,} million yen {growth(balance_growth):>9}")
        if counts:
            rows, areas, first, last = connection.execute("""
                select count(*), count(distinct area_code), min(period_month), max(period_month)
                from fct_trade_monthly
            """).fetchone()
            _say(f"  fct_trade_monthly: {rows:,} rows, {areas} areas, {first:%Y-%m}..{last:%Y-%m}")
        return True
    finally:
        connection.close()


# ---------------------------------------------------------------------------
# commands


def command_generate(arguments) -> int:
    run_generate(arguments.scale, arguments.out, arguments.seed)
    return 0


def _report(results: list[loaders.LoadResult]) -> int:
    rejected = sum(result.rejected_rows for result in results if result.status == "loaded")
    if rejected:
        _say(f"{rejected} rows were rejected: `japan-trade rejects` lists them with file, line and reason")
        return EXIT_REJECTED_ROWS
    return 0


def command_load(arguments) -> int:
    connection = warehouse.connect(warehouse.resolve_database(arguments.database))
    results = []
    try:
        for path in arguments.files:
            if arguments.kind == "manifest":
                results += loaders.load_manifest(connection, path, progress=_say)
                continue
            if arguments.kind == "rates":
                from .exchange_rates import load_exchange_rates

                result = load_exchange_rates(connection, path, source_label=arguments.label,
                                             max_reject_share=arguments.max_reject_share,
                                             vintage_date=arguments.vintage_date)
            elif arguments.kind == "release":
                from .release_xml import load_release_xml

                result = load_release_xml(connection, path, source_label=arguments.label)
            elif arguments.kind == "official":
                result = loaders.load_official_series(
                    connection, path, vintage_date=arguments.vintage_date, source_label=arguments.label)
            else:
                result = loaders.load_microdata(
                    connection, path, through_month=arguments.through, vintage_date=arguments.vintage_date,
                    stage=arguments.stage, title=arguments.title, source_label=arguments.label,
                    max_reject_share=arguments.max_reject_share, partial=arguments.partial)
            _say(result.message)
            results.append(result)
    except loaders.LoadError as error:
        return _fail(f"{error}\nNothing from this file was loaded; the warehouse is as it was before it.")
    finally:
        connection.close()
    return _report(results)


def command_unload(arguments) -> int:
    from .withdrawals import restore, withdraw

    connection = warehouse.connect(arguments.database)
    try:
        if arguments.undo:
            message = restore(connection, arguments.load_id, arguments.reason or "undo")
        else:
            message = withdraw(connection, arguments.load_id, arguments.reason or "withdrawn by the user")
    except loaders.LoadError as error:
        return _fail(str(error))
    finally:
        connection.close()
    _say(message)
    return 0


def command_build(arguments) -> int:
    run_build(warehouse.resolve_database(arguments.database), arguments.as_of, arguments.select, arguments.exclude)
    return 0


def command_summary(arguments) -> int:
    database = warehouse.resolve_database(arguments.database)
    return 0 if print_summary(database, arguments.area, arguments.month) else EXIT_FAILED


def command_rejects(arguments) -> int:
    connection = warehouse.connect_raw_for_reading(warehouse.resolve_database(arguments.database))
    try:
        rows = connection.execute("""
            select file_name, source_line, reason, raw_text from raw.load_rejects
            order by load_id, source_line limit ?
        """, [arguments.limit]).fetchall()
    finally:
        connection.close()
    if not rows:
        _say("no rejected rows")
    for file_name, line, reason, raw_text in rows:
        _say(f"{file_name}:{line}: {reason}\n    {raw_text[:160]}")
    return 0


def command_reconcile(arguments) -> int:
    from .reconciliation import reconciliation_markdown

    connection = warehouse.connect_for_reading(warehouse.resolve_database(arguments.database))
    try:
        _say(reconciliation_markdown(connection, arguments.month, arguments.source))
    except ValueError as error:
        return _fail(f"{error}; load microdata and official series for that month and run `japan-trade build`")
    finally:
        connection.close()
    return 0


def command_release(arguments) -> int:
    from .release import ReleaseError, write_release

    database = warehouse.require_published(arguments.database)
    try:
        text = write_release(database, arguments.month, arguments.lang, arguments.format, arguments.out)
    except ReleaseError as error:
        return _fail(str(error))
    if arguments.out is None:
        sys.stdout.write(text)
    else:
        _say(f"wrote {arguments.out}")
    return 0


def command_export(arguments) -> int:
    from .export import ExportError, export_marts

    database = warehouse.require_published(arguments.database)
    try:
        manifest = export_marts(database, arguments.format, arguments.out, arguments.mart, progress=_say)
    except ExportError as error:
        return _fail(f"{error}\nNothing was written to {arguments.out}.")
    _say(f"wrote {manifest}")
    return 0


def write_demo_releases(database: Path) -> list[Path]:
    """The release of the latest world month and of the latest month with area figures (when that is
    earlier), ja/en × md/html, under release/ beside the warehouse."""
    from .release import AREA_BLOCKS, write_release

    connection = warehouse.connect_for_reading(database)
    try:
        months = connection.execute(f"""
            select max(period_month) filter (where area_code = 'world'),
                   max(period_month) filter (where area_code in {AREA_BLOCKS})
            from fct_trade_balance_monthly
            where exports_thousand_yen is not null and imports_thousand_yen is not null""").fetchone()
        from .release import latest_partial_only_month   # and the early page of a month with only partial figures
        months += (latest_partial_only_month(connection),)
    finally:
        connection.close()
    written = []
    for month in sorted({m for m in months if m is not None}):
        for lang in ("ja", "en"):
            for output_format in ("md", "html"):
                out = database.parent / "release" / f"release-{month:%Y-%m}-{lang}.{output_format}"
                write_release(database, month, lang, output_format, out)
                written.append(out)
    return written


def command_demo(arguments) -> int:
    root = warehouse.project_root()
    database = warehouse.resolve_database(arguments.database)
    started = time.perf_counter()
    manifest = root / "data" / "synthetic" / arguments.scale / "manifest.json"
    if not manifest.exists():
        manifest = run_generate(arguments.scale, manifest.parent, arguments.seed)
    else:
        _say(f"using existing synthetic data {manifest}")
    from .exchange_rates import load_exchange_rates
    from .synthetic.rates import write_demo_rates

    rates = manifest.parent / "exchange_rates_usd_weekly.csv"
    if not rates.exists():
        write_demo_rates(rates)
    connection = warehouse.connect(database)
    try:
        results = loaders.load_manifest(connection, root / "data" / "official" / "manifest.json", progress=_say)
        results += loaders.load_manifest(connection, root / "data" / "official" / "release-xml" / "manifest.json",
                                         progress=_say)
        results += loaders.load_manifest(connection, manifest, progress=_say)
        results.append(load_exchange_rates(connection, rates, source_label="synthetic"))
        _say(results[-1].message)
    except loaders.LoadError as error:
        return _fail(str(error))
    finally:
        connection.close()
    if _report(results):
        return EXIT_REJECTED_ROWS
    run_build(database, arguments.as_of)
    print_summary(database, "world")
    for area in ("304", "eu", "asia", "105"):
        print_summary(database, area, counts=False)
    written = write_demo_releases(database)
    _say("\nthe release (latest month; latest month with area figures):\n  " + "\n  ".join(str(p) for p in written))
    _say(f"\ndemo finished in {time.perf_counter() - started:.0f} s; warehouse: {database}")
    return 0


def _database_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--database", type=Path,
                         help="published DuckDB warehouse (default: $JAPAN_TRADE_DUCKDB, else "
                              "warehouse/japan_trade.duckdb); its raw store is <stem>.raw.duckdb beside it")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="japan-trade", description=__doc__, epilog=EXIT_CODES,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate", help="write synthetic e-Stat by-country files")
    generate.add_argument("--scale", choices=["small", "full"], default="small")
    generate.add_argument("--out", type=Path, help="output folder (default data/synthetic/SCALE)")
    generate.add_argument("--seed", type=int, default=20260218)
    generate.set_defaults(handler=command_generate)

    load = commands.add_parser("load", help="load files into the raw tables (every vintage kept)")
    load.add_argument("kind", choices=["microdata", "official", "rates", "release", "manifest"])
    load.add_argument("files", type=Path, nargs="+")
    load.add_argument("--through", type=_month, help="last published month of a microdata file (YYYY-MM)")
    load.add_argument("--vintage-date", type=_date, help="day the file was published or downloaded (rates: default the Saturday ending the last week)")
    load.add_argument("--stage", help="revision stage of every month (else inferred by the MOF calendar)")
    load.add_argument("--title", help="e-Stat title, e.g. '2026年7月分 統計品別表 (輸入 1-6月：確報、7月：輸入9桁速報)'")
    load.add_argument("--label", default="user", help="who produced the file: official, synthetic or user")
    load.add_argument("--max-reject-share", type=float, default=loaders.DEFAULT_MAX_REJECT_SHARE,
                      help="refuse the whole file when more rows than this share are malformed")
    load.add_argument("--partial", action="store_true",
                      help="microdata: the file covers only the HS chapters it has data in (a partial re-issue)")
    _database_option(load)
    load.set_defaults(handler=command_load)

    unload = commands.add_parser("unload", help="leave a load out of every build (recorded; rows kept; --undo)")
    unload.add_argument("load_id", type=int, help="the load (raw.file_loads.load_id)")
    unload.add_argument("--undo", action="store_true", help="bring a withdrawn load back")
    unload.add_argument("--reason", help="why (kept in raw.load_withdrawals)")
    _database_option(unload)
    unload.set_defaults(handler=command_unload)

    build = commands.add_parser("build", help="dbt seed + build (models and all tests)")
    build.add_argument("--as-of", type=_date, help="use only vintages published on or before this date")
    build.add_argument("--select", help="dbt selection")
    build.add_argument("--exclude", help="dbt exclusion")
    _database_option(build)
    build.set_defaults(handler=command_build)

    summary = commands.add_parser("summary", help="print a month from the marts")
    summary.add_argument("--area", default="world")
    summary.add_argument("--month", type=_month)
    _database_option(summary)
    summary.set_defaults(handler=command_summary)

    rejects = commands.add_parser("rejects", help="list rows the loaders refused")
    rejects.add_argument("--limit", type=int, default=50)
    _database_option(rejects)
    rejects.set_defaults(handler=command_rejects)

    reconcile = commands.add_parser("reconcile", help="official vs microdata release items for a month (Markdown)")
    reconcile.add_argument("--month", type=_month, required=True)
    reconcile.add_argument("--source", choices=["customs_world", "customs_by_country"],
                           help="microdata source to compare (default: every source loaded for the month)")
    _database_option(reconcile)
    reconcile.set_defaults(handler=command_reconcile)

    release = commands.add_parser("release", help="render the monthly release (Markdown or self-contained HTML)")
    release.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    release.add_argument("--lang", choices=["ja", "en"], default="ja")
    release.add_argument("--format", choices=["md", "html"], default="md")
    release.add_argument("--out", type=Path, help="write to this file (default: standard output)")
    _database_option(release)
    release.set_defaults(handler=command_release)

    export = commands.add_parser("export", help="write the marts as Parquet, CSV or one Excel workbook")
    export.add_argument("--format", choices=["parquet", "csv", "xlsx"], default="parquet")
    export.add_argument("--out", type=Path, required=True, help="output folder")
    export.add_argument("--mart", action="append", help="a mart to export (repeatable; default: every fct_/dim_ table)")
    _database_option(export)
    export.set_defaults(handler=command_export)

    demo = commands.add_parser("demo", help="generate (if absent), load, build and summarise")
    demo.add_argument("--scale", choices=["small", "full"], default="small")
    demo.add_argument("--seed", type=int, default=20260218)
    demo.add_argument("--as-of", type=_date, help="build the marts as first published on this date")
    _database_option(demo)
    demo.set_defaults(handler=command_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        return arguments.handler(arguments)
    except (warehouse.WarehouseError, BuildError) as error:
        return _fail(str(error))
    except duckdb.Error as error:          # last resort: a query the warehouse refused, in one line
        return _fail(f"the warehouse refused a query: {str(error).splitlines()[0]}")
    except KeyboardInterrupt:
        return _fail("interrupted")


if __name__ == "__main__":
    sys.exit(main())
