"""python -m japan_trade.synthetic --scale small --out DIR [--seed N]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .generator import SCALES, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m japan_trade.synthetic", description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20260218)
    args = parser.parse_args(argv)
    manifest = generate(args.scale, args.out, args.seed, progress=lambda m: print(m, file=sys.stderr, flush=True))
    print(manifest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
