#!/usr/bin/env python3
"""Summarise a Stryker.NET JSON report: per file killed / survived / not covered / timeout and the score, then every
survivor and not-covered mutant with its line, mutator and replacement (the list docs/reliability.md explains).

    python3 mutation/summary.py mutation/reports/optimized-avx512/reports/mutation-report.json
"""
import json
import sys
from collections import Counter

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}


def main(path):
    report = json.load(open(path))
    totals = Counter()
    rows, open_mutants = [], []
    for name, entry in sorted(report["files"].items()):
        counts = Counter(m["status"] for m in entry["mutants"])
        totals.update(counts)
        if sum(counts[s] for s in DETECTED | UNDETECTED) == 0:
            continue  # outside the run's --mutate set (every mutant Ignored) or no mutant at all
        rows.append((name.rsplit("/src/", 1)[-1], counts))
        lines = entry["source"].splitlines()
        for m in sorted(entry["mutants"], key=lambda m: m["location"]["start"]["line"]):
            if m["status"] in UNDETECTED:
                line = m["location"]["start"]["line"]
                open_mutants.append((name.rsplit("/", 1)[-1], line, m["status"], m["mutatorName"],
                                     m.get("replacement", "").replace("\n", " ")[:90], lines[line - 1].strip()[:110]))
    print("| File | killed / survived / not covered / timeout | compile errors | score |")
    print("| --- | --- | --- | --- |")
    for name, c in rows + [("**all**", totals)]:
        detected, undetected = sum(c[s] for s in DETECTED), sum(c[s] for s in UNDETECTED)
        score = 100.0 * detected / (detected + undetected) if detected + undetected else float("nan")
        print(f"| {name} | {c['Killed']} / {c['Survived']} / {c['NoCoverage']} / {c['Timeout']} | "
              f"{c['CompileError']} | {score:.1f}% |")
    print()
    for file, line, status, mutator, replacement, source in open_mutants:
        print(f"{file}:{line} {status} [{mutator}] -> {replacement}\n    {source}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "mutation/reports/optimized-avx512/reports/mutation-report.json")
