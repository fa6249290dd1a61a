#!/bin/sh
# The two commands that matter:  sh dev.sh demo   and   sh dev.sh test
# Both create .venv (Python 3.11) with the pinned dependencies on first use.
set -eu
cd "$(dirname "$0")"

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

ensure_environment() {
    if [ ! -f .venv/.installed ] || [ requirements.lock -nt .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
        echo "setting up .venv with the pinned dependencies (requirements.lock) …"
        "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (set PYTHON=...)")'
        "$PYTHON" -m venv .venv
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -r requirements.lock
        .venv/bin/python -m pip install --quiet --no-deps -e .
        touch .venv/.installed
    fi
    mkdir -p warehouse
    PATH="$(pwd)/.venv/bin:$PATH"
    export PATH
}

command="${1:-help}"
[ $# -gt 0 ] && shift
case "$command" in
    demo)
        ensure_environment
        japan-trade demo "$@"
        ;;
    test)
        ensure_environment
        echo "== dbt parse (deprecation warnings are errors)"
        dbt --warn-error-options '{"error": ["Deprecations"]}' parse --project-dir . --profiles-dir . --no-partial-parse
        echo "== sqlfluff lint"
        # SQLFluff's dbt templater connects: give it a throwaway warehouse and an empty raw store to attach
        lint_dir="$(mktemp -d)"
        trap 'rm -rf "$lint_dir"' EXIT
        python -c 'import sys, duckdb; duckdb.connect(sys.argv[1]).close()' "$lint_dir/lint.raw.duckdb"
        JAPAN_TRADE_DUCKDB="$lint_dir/lint.duckdb" JAPAN_TRADE_RAW_DUCKDB="$lint_dir/lint.raw.duckdb" \
            sqlfluff lint models tests/data
        # the golden tests are enabled only in the build as of the release date: lint them compiled that way
        JAPAN_TRADE_DUCKDB="$lint_dir/lint.duckdb" JAPAN_TRADE_RAW_DUCKDB="$lint_dir/lint.raw.duckdb" \
            sqlfluff lint tests/golden --config tests/golden/release-build.sqlfluff
        echo "== pytest (Python tests; dbt build with unit, data and golden tests)"
        python -m pytest "$@"
        ;;
    *)
        echo "usage: sh dev.sh demo|test [arguments]" >&2
        exit 2
        ;;
esac
