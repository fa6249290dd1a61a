"""Conventions checked by machine over dbt's manifest (../shared/reference/dbt-conventions.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

PREFIXES = {"staging": "stg_", "intermediate": "int_", "marts": ("fct_", "dim_", "rpt_")}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    target = tmp_path_factory.mktemp("parse")
    environment = dict(os.environ, DBT_TARGET_PATH=str(target), JAPAN_TRADE_DUCKDB=str(target / "parse.duckdb"))
    subprocess.run([sys.executable, "-m", "dbt.cli.main", "parse", "--project-dir", str(PROJECT),
                    "--profiles-dir", str(PROJECT), "--no-partial-parse"],
                   env=environment, check=True, capture_output=True, cwd=PROJECT)
    return json.loads((target / "manifest.json").read_text())


def models(manifest):
    return [node for node in manifest["nodes"].values() if node["resource_type"] == "model"]


def test_prefix_matches_folder(manifest):
    wrong = [m["original_file_path"] for m in models(manifest)
             if not m["name"].startswith(PREFIXES[m["original_file_path"].split("/")[1]])]
    assert wrong == []


def test_sources_only_in_staging(manifest):
    wrong = [m["name"] for m in models(manifest)
             if m["depends_on"]["nodes"] and any(n.startswith("source.") for n in m["depends_on"]["nodes"])
             and "/staging/" not in "/" + m["original_file_path"]]
    assert wrong == []


def test_every_model_has_a_primary_key_test_and_a_description(manifest):
    tested = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node.get("test_metadata", {}).get("name") in (
                "unique", "unique_combination_of_columns"):
            tested.update(n for n in node["depends_on"]["nodes"] if n.startswith("model."))
    assert [m["name"] for m in models(manifest) if m["unique_id"] not in tested] == []
    assert [m["name"] for m in models(manifest) if not m["description"]] == []


def test_marts_are_contracted_and_fully_described(manifest):
    for model in models(manifest):
        if "/marts/" in "/" + model["original_file_path"] and model["name"] != "fct_trade_source_reconciliation":
            assert model["contract"]["enforced"], model["name"]
            undocumented = [c for c, spec in model["columns"].items() if not spec["description"]]
            assert undocumented == [], model["name"]


def test_every_fact_model_starts_with_a_grain_comment():
    for path in (PROJECT / "models").rglob("*.sql"):
        if path.name.startswith(("fct_", "int_", "stg_", "dim_")):
            assert path.read_text().lstrip().startswith("-- grain:"), path


def test_every_macro_is_documented():
    documented = (PROJECT / "macros" / "_macros.yml").read_text()
    for path in (PROJECT / "macros").glob("*.sql"):
        name = path.stem
        assert f"name: {name}" in documented, path.name
