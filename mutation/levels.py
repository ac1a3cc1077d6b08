#!/usr/bin/env python3
"""Which mutants each instruction-set level cannot execute, and how many of those the suite detects at avx512.

A level below avx512 never runs the wider vector bodies, so Stryker finds no test covering their mutants there and
counts them against that level's score. Stryker's coverage pass logs each one ("Mutant N is not covered by any test")
for every file of the project, whatever `--mutate` says, so a run at each level with a one-file `--mutate` measures the
whole project's coverage in minutes:

    for level in avx512 avx2 vector128 scalar; do
        mutation/run.sh optimized $level --mutate '**/Optimizers/AdamW.cs' --log-to-file
        cp -r mutation/reports/optimized-$level/logs /tmp/levels-$level      # run.sh clears the folder on the next run
    done
    python3 mutation/levels.py --log avx512=/tmp/levels-avx512 --log avx2=/tmp/levels-avx2 ... \
        --verdicts recheck-output.txt [--killed-in STRYKER-LOG] [--listed Gemm.Tiles.cs=37] [--by-file] [--unknown LEVEL]

The mutants (block removals aside, as Stryker drops them) number alike in every run of the same source, so the runs
line up by id. --verdicts reads `recheck.py` outputs: a mutant a level leaves uncovered is *detected* at avx512 when a
re-check failed, crashed or hung, *passed* when it passed, and *unknown* when no output names it; --killed-in adds the
mutants an earlier Stryker run's log says a test failed on (its wrong verdicts were all the other way: kills and
crashes logged as survivors). --listed FILE=N takes a file's N equivalents as listed (docs/reliability.md, Survivors)
where a level leaves most of the file uncovered: the uncovered ones then hold N less the covered ones that passed, and
the rest of them were detected, so only the covered part needs re-checking. --unknown LEVEL lists
the unknown ones that level adds, comma-separated, ready for `recheck.py --ids`.
"""
import argparse
import collections
import glob
import os
import re

import stryker_log

NOT_COVERED = re.compile(r"Mutant (\d+) is not covered by any test")
RECHECKED = re.compile(r"\s*(\d+) \S+?:\d+ Stryker \w+, re-checked: (\w+)")
DETECTED = {"failed", "crashed", "hung"}
LEVELS = ["avx512", "avx2", "vector128", "scalar"]


def log_file(path):
    """The Stryker debug log in a folder (its logs/ folder or the folder itself), or the file given."""
    if os.path.isfile(path):
        return path
    found = glob.glob(os.path.join(path, "log-*.txt")) + glob.glob(os.path.join(path, "logs", "log-*.txt"))
    if len(found) != 1:
        raise SystemExit(f"--log {path!r}: expected one Stryker debug log (log-*.txt) there, found {len(found)}")
    return found[0]


def verdicts(paths):
    """Mutant id -> the last re-check verdict among the outputs, read in the order given."""
    result = {}
    for path in paths:
        for line in open(path, errors="replace"):
            if m := RECHECKED.match(line):
                result[int(m.group(1))] = m.group(2)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--log", action="append", required=True, metavar="LEVEL=PATH",
                        help="a level's Stryker debug log, or the folder holding it; avx512 is required")
    parser.add_argument("--verdicts", action="append", default=[], help="a recheck.py output (repeatable)")
    parser.add_argument("--killed-in", action="append", default=[], help="a Stryker debug log whose kills count")
    parser.add_argument("--listed", action="append", default=[], metavar="FILE=N",
                        help="a file's listed equivalents (file name, count), for levels that leave most of it uncovered")
    parser.add_argument("--by-file", action="store_true", help="one line per file as well as the totals")
    parser.add_argument("--unknown", choices=LEVELS, help="list the ids that level leaves uncovered with no verdict")
    args = parser.parse_args()

    logs = {}
    for item in args.log:
        level, _, path = item.partition("=")
        if level not in LEVELS or not path:
            raise SystemExit(f"--log {item!r}: expected LEVEL=PATH with LEVEL one of {', '.join(LEVELS)}")
        logs[level] = log_file(path)
    if "avx512" not in logs:
        raise SystemExit("--log avx512=PATH is required: the other levels are measured against it")
    levels = [level for level in LEVELS if level in logs]

    mutants = {i: m for i, m in stryker_log.read(logs["avx512"]).items() if m.compiled and m.mutator != "BlockMutator"}
    uncovered = {level: {int(i) for i in NOT_COVERED.findall(open(logs[level], errors="replace").read())} & set(mutants)
                 for level in levels}
    known = {}
    for path in args.killed_in:
        known.update({i: "failed" for i, m in stryker_log.read(log_file(path)).items() if m.verdict == "failed"})
    known.update(verdicts(args.verdicts))

    listed = {}
    for item in args.listed:
        name, _, count = item.partition("=")
        if not count.isdigit():
            raise SystemExit(f"--listed {item!r}: expected FILE=N, N the file's count of listed equivalents")
        listed[name] = int(count)

    def kind(i):
        verdict = known.get(i)
        return "detected" if verdict in DETECTED else "passed" if verdict == "passed" else "unknown"

    groups = collections.defaultdict(set)
    for i, m in mutants.items():
        groups["(all)"].add(i)
        if args.by_file:
            groups[m.file].add(i)
    print(f"{'file':44} {'mutants':>7}  " + "  ".join(f"{level:>28}" for level in levels))
    for name in sorted(groups, key=lambda g: (g != "(all)", g)):
        ids = groups[name]
        cells = []
        for level in levels:
            added = (uncovered[level] - uncovered["avx512"]) & ids
            counts = collections.Counter()
            for file in {mutants[i].file for i in added}:
                mine = {i for i in added if mutants[i].file == file}
                name_only = file.rsplit("/", 1)[-1]
                if name_only in listed and any(kind(i) == "unknown" for i in mine):
                    covered = {i for i, m in mutants.items() if m.file == file} - uncovered[level]
                    passed = listed[name_only] - sum(kind(i) == "passed" for i in covered)
                    counts.update(passed=passed, detected=len(mine) - passed)
                else:
                    counts.update(kind(i) for i in mine)
            cells.append(f"{len(uncovered[level] & ids):4d} not covered" + (
                f" (+{counts['detected']}d {counts['passed']}p {counts['unknown']}?)" if level != "avx512" else ""))
        print(f"{name:44} {len(ids):7d}  " + "  ".join(f"{cell:>28}" for cell in cells))
    if args.unknown:
        added = (uncovered[args.unknown] - uncovered["avx512"])
        print(",".join(str(i) for i in sorted(added) if kind(i) == "unknown"))


if __name__ == "__main__":
    main()
