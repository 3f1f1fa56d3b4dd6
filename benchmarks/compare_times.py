"""Comparing 20 variants against solving 10 one after another. A measurement, not a test.

    .venv/bin/python benchmarks/compare_times.py

The variants are the reference session with item 3's estimate stepped from 4 to 6 hours and
item 2's from 4 to 5.5 hours. `orgwork compare` solves them in parallel processes bounded by the
cores; the issue asks that 20 variants take less than twice as long as 10 solved in sequence.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from solver.input import edits  # noqa: E402
from solver.plans.compare import compare  # noqa: E402
from solver.plans.drafting import draft  # noqa: E402
from solver.input.loading import load_instance  # noqa: E402


def variants(count: int):
    base = load_instance(ROOT / "instances" / "ctoc-wg-tip-2017.yaml")
    out = []
    for n in range(count):
        item_3 = 240 + (n * 120) // max(1, count - 1)
        item_2 = 240 + (n * 90) // max(1, count - 1)
        out.append((f"variant {n + 1}", edits.apply(base, edits.set_estimate("3", item_3), edits.set_estimate("2", item_2))))
    return base, out


def in_process() -> tuple[float, float]:
    _, ten = variants(10)
    started = time.perf_counter()
    for _, instance in ten:
        draft(instance)
    sequential = time.perf_counter() - started
    base, twenty = variants(20)
    started = time.perf_counter()
    compare(base, twenty)
    return sequential, time.perf_counter() - started


def commands() -> tuple[float, float]:
    """The planner's view: ten `orgwork solve` runs against one `orgwork compare` of twenty."""
    orgwork = str(Path(sys.executable).with_name("orgwork"))
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, instance in variants(10)[1]:
            path = Path(folder) / f"{name.replace(' ', '-')}.json"
            path.write_text(instance.model_dump_json(exclude_none=True), encoding="utf-8")
            files.append(path)
        started = time.perf_counter()
        for path in files:
            subprocess.run([orgwork, "solve", str(path)], check=True, capture_output=True)
        sequential = time.perf_counter() - started
        (Path(folder) / "base.yaml").write_text((ROOT / "instances" / "ctoc-wg-tip-2017.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        twenty = [
            {"name": f"variant {n + 1}", "items": {"3": {"estimate": 240 + n * 6}, "2": {"estimate": 240 + (n * 90) // 19}}}
            for n in range(20)
        ]
        scenarios = Path(folder) / "scenarios.yaml"
        scenarios.write_text(yaml.safe_dump({"base": "base.yaml", "variants": twenty}), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([orgwork, "compare", str(scenarios)], check=True, capture_output=True)
        return sequential, time.perf_counter() - started


def main() -> None:
    for label, (sequential, compared) in (("in-process", in_process()), ("commands", commands())):
        print(f"{label:<11} 10 solved one after another: {sequential:6.2f} s   20 compared: {compared:6.2f} s   "
              f"ratio {compared / sequential:.2f} (asked: below 2)")


if __name__ == "__main__":
    main()
