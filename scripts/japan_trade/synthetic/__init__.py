"""Deterministic synthetic customs microdata raked to published margins.

``generate(scale, out_dir, seed=20260218, progress=None)`` writes by-country
files in the e-Stat 品別国別表 layout (one per flow × year × vintage) plus
``manifest.json`` and ``README.md``, and returns the manifest path.

Real (published) margins the files reproduce exactly:

* world × release item (d51ma / d61ma), every month 2019-01..2026-01 — base
  vintage (2026-09-17);
* the five 13-month tables of the January 2026 release (world, US, EU, Asia,
  China; values in million yen and every YoY growth) — release vintage
  (2026-02-18), with the 2024 US/EU/Asia/China totals of the base vintage
  chosen so the release's 2025 growths come out.

Everything below those margins is synthetic. The layout of the files is
``japan_trade.estat_layout``; the demo's weekly exchange rates come from
``rates.write_demo_rates``.
"""

from .generator import generate

__all__ = ["generate"]
