"""Open after a rest, this tree against another, side by side in one run: one demo endpoint
(300 ms added latency, 1,000 generated engagements), and `prefetch_headless.py` run in turns
on each tree (a fresh process each turn, so drift of the machine hits both alike).

Usage: prefetch_ab.py OTHER_TREE [ROUNDS] [RUNS] [REST ...]
(OTHER_TREE: a checkout, e.g. ``git worktree add --detach /tmp/base REV``; ROUNDS turns per
tree, 4 by default; RUNS opens per rest in each turn, 3 by default; rests 0.3 1.0.)
Prints each turn, then the medians per tree and rest, and the load average before and after.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import PYTHON, ROOT, bench_environment, demo_endpoint  # noqa: E402

GENERATED = 1000


def turn(tree: Path, url: str, env: dict[str, str], runs: int, rests: list[str]) -> dict:
    # -P: the script's folder is not put first on sys.path; PYTHONPATH names the tree measured
    argv = [PYTHON, "-P", str(HERE / "prefetch_headless.py"), url, str(runs), *rests]
    done = subprocess.run(argv, env={**env, "PYTHONPATH": str(tree)}, capture_output=True,
                          text=True, check=True, cwd=tree, timeout=900)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    other = Path(sys.argv[1]).resolve()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    rests = sys.argv[4:] or ["0.3", "1.0"]
    trees = {"this": ROOT, "other": other}
    times: dict[str, dict[str, list[float]]] = {name: {r: [] for r in rests} for name in trees}
    print(f"load average before {os.getloadavg()}")
    with bench_environment() as env, demo_endpoint(generate=GENERATED, latency=0.3) as url:
        for number in range(rounds):
            order = list(trees.items()) if number % 2 == 0 else list(trees.items())[::-1]
            for name, tree in order:
                found = turn(tree, url, env, runs, rests)
                for rest in rests:
                    times[name][rest] += found[rest]
                shown = "  ".join(f"{rest}: " + " ".join(f"{t:.0f}" for t in found[rest])
                                  for rest in rests)
                print(f"round {number} {name:5} {shown}  counts {found['counts']}  "
                      f"load {os.getloadavg()[0]:.2f}", flush=True)
    for rest in rests:
        line = "  ".join(f"{name} {statistics.median(times[name][rest]):.1f} ms"
                         for name in trees)
        print(f"rest {rest} s, medians of {len(times['this'][rest])}: {line}")
    print(f"load average after {os.getloadavg()}")


if __name__ == "__main__":
    main()
