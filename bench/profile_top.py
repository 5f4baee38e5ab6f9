"""The top of a py-spy profile, as a table: where `hankg extract` spends its time.

    py-spy record -r 200 -f raw -o prof.raw -- hankg extract ARTICLES --out /tmp/o -q --rebuild
    python bench/profile_top.py prof.raw [--top 25]

py-spy (`pip install py-spy`, not a hankg dependency) writes collapsed stacks; this sums
them per function: `total` is the share of samples with the function on the stack, `self`
the share where it is the innermost Python frame (time in Kiwi's C++ counts as its caller's).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>.*?)(?::\d+)?\)$")


def frame_name(frame: str) -> str:
    m = FRAME.match(frame)
    if not m:
        return frame
    path = m["file"]
    for marker in ("site-packages/", "/speed/", "/main/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{m['func']} ({path})"


def summarise(raw: Path) -> tuple[int, Counter, Counter]:
    total: Counter = Counter()
    own: Counter = Counter()
    samples = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        samples += n
        frames = [frame_name(f) for f in stack.split(";")]
        for name in set(frames):
            total[name] += n
        own[frames[-1]] += n
    return samples, total, own


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("raw", type=Path)
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    samples, total, own = summarise(a.raw)
    print(f"{samples} samples\n\n| total | self | function |\n| ---: | ---: | --- |")
    for name, n in total.most_common(a.top):
        print(f"| {100 * n / samples:.1f}% | {100 * own[name] / samples:.1f}% | `{name}` |")
    print("\n| self | function |\n| ---: | --- |")
    for name, n in own.most_common(a.top):
        print(f"| {100 * n / samples:.1f}% | `{name}` |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
