#!/usr/bin/env python3
"""Re-check Stryker's verdicts: run each Survived or Timeout mutant of a report again, alone, against the whole filter.

Why: on the matrix-product kernels Stryker.NET 5.1.0 (VsTest runner, perTest coverage) called mutants survivors that a
plain `dotnet test` of the same filter fails or crashes on (docs/reliability.md §7, "Stryker's verdicts, re-checked"):
it ran only the few tests its coverage map named, and a test host that crashed (a pointer write past an array) came
back as "success" and later, on the retried session, as "Timeout". This script switches one mutant on at a time in the
assembly Stryker instrumented (Stryker's own control: STRYKER_MUTANT_ID_CONTROL_VAR names a variable that holds the
mutant's id), runs every test of the filter with `dotnet test`, and reports what CI would see: the run fails, the test
host crashes, it hangs, or every test passes.

    python3 mutation/recheck.py optimized avx512 [--bin DIR] [--report JSON | --log LOG [--files A.cs,B.cs]]
                                [--filter F] [--quick F] [--status Survived,Timeout] [--ids 1411,1574] [--timeout 300]

--log reads the mutants from a Stryker debug log instead of the report (a stopped run writes no report; see
stryker_log.py): its statuses are Survived (logged "success"), Killed, Timeout and Untested (compiled but never run,
the rest of a stopped run); mutants rolled back after a compile error are never switched on, being absent from the
assembly. --quick names a smaller filter run first: a mutant it fails, crashes or hangs on is detected, since the whole
filter holds those tests too; only a mutant that passes it runs the whole filter.

DIR defaults to mutation/reports/<project>-<level>/instrumented/, the copy of tests/Properties/bin/Release/net10.0 that
mutation/run.sh takes once Stryker has injected its instrumented assembly; the script refuses a directory whose assembly
has no Stryker instrumentation, and first runs the filter with no mutant switched on, which must pass.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time

import stryker_log

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSEMBLIES = {"optimized": "Verification.Optimized.dll", "reference": "Verification.Reference.dll",
              "core": "Verification.Core.dll"}
LEVELS = {"avx512": {}, "avx2": {"DOTNET_EnableAVX512": "0", "DOTNET_EnableAVX512F": "0"},
          "vector128": {"DOTNET_EnableAVX2": "0"}, "scalar": {"DOTNET_EnableHWIntrinsic": "0"}}
CONTROL = "STRYKER_RECHECK_MUTANT"


def run_filter(bin_dir, test_filter, mutant_id, level, timeout):
    env = dict(os.environ, **LEVELS[level], STRYKER_MUTANT_ID_CONTROL_VAR=CONTROL, **{CONTROL: str(mutant_id)})
    # Its own process group: on a hang the test host (a grandchild, spinning in the mutant's endless loop) must die too,
    # or every hung mutant leaves a core busy for the rest of the re-check.
    run = subprocess.Popen(["dotnet", "test", os.path.join(bin_dir, "Verification.Properties.dll"), "--filter",
                            test_filter], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           start_new_session=True)
    try:
        out, _ = run.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        return "hung"
    if "Test host process crashed" in out or "Test Run Aborted" in out:
        return "crashed"
    if "Failed!" in out:
        # The failing tests' names: a kill by one flaky test alone (an allocation count on a loaded machine) shows here.
        names = sorted({line.split()[1].rsplit(".", 1)[-1].split("(")[0] for line in out.splitlines()
                        if line.startswith("  Failed ") and len(line.split()) > 1})
        return "failed" + (f" [{', '.join(names[:3])}{', …' if len(names) > 3 else ''}]" if names else "")
    if "Passed!" in out and run.returncode == 0:
        return "passed"
    return f"unknown (exit {run.returncode})"


def injected_ids(assembly):
    """The mutant ids the instrumented assembly can switch on: every `MutantControl.IsActive(id)` in its decompiled code.

    Stryker logs some mutants as created that it never injects (mutant 593, the `return;` after the emulated tile's
    fused recompute, is absent from the assembly; Stryker reported it "NoCoverage"), and rolls others back after a compile
    error; switching such an id on changes nothing, so a pass would be mistaken for a survivor. Decompiled with ilspycmd,
    a local tool (`dotnet tool restore`); None when it cannot run, and then nothing is checked.
    """
    try:
        done = subprocess.run(["dotnet", "ilspycmd", assembly], cwd=ROOT, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return {int(i) for i in re.findall(r"IsActive\((\d+)\)", done.stdout)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", choices=sorted(ASSEMBLIES))
    parser.add_argument("level", choices=sorted(LEVELS))
    parser.add_argument("--bin", help="copy of the test output folder holding Stryker's instrumented assembly "
                        "(default: mutation/reports/<project>-<level>/instrumented)")
    parser.add_argument("--report", help="Stryker JSON report (default: mutation/reports/<project>-<level>/reports/mutation-report.json)")
    parser.add_argument("--log", help="Stryker debug log to read the mutants from instead of a report")
    parser.add_argument("--files", help="with --log: only the mutants of these files (names, comma-separated)")
    parser.add_argument("--filter", help="test filter (default: the configuration's test-case-filter)")
    parser.add_argument("--skip-mutator", action="append", default=[], help="leave out this mutator's mutants "
                        "(BlockMutator: Stryker drops a block removal whose statements carry mutants of their own)")
    parser.add_argument("--quick", help="smaller filter run first; only a mutant that passes it runs the whole filter")
    parser.add_argument("--status", default="Survived,Timeout", help="statuses to re-check, comma-separated")
    parser.add_argument("--ids", help="only these mutant ids, comma-separated")
    parser.add_argument("--list", action="store_true", help="print the chosen mutants and their count, run nothing")
    parser.add_argument("--timeout", type=int, default=300, help="seconds before a run counts as hung")
    args = parser.parse_args()

    args.bin = args.bin or os.path.join(ROOT, "mutation/reports", f"{args.project}-{args.level}", "instrumented")
    report = args.report or os.path.join(ROOT, "mutation/reports", f"{args.project}-{args.level}", "reports/mutation-report.json")
    config = json.load(open(os.path.join(ROOT, "mutation", args.project, "stryker-config.json")))["stryker-config"]
    test_filter = args.filter or config["test-case-filter"]
    assembly = os.path.join(args.bin, ASSEMBLIES[args.project])
    if not os.path.isfile(assembly):
        sys.exit(f"--bin {args.bin!r}: no {ASSEMBLIES[args.project]} there; expected a copy of the test output folder")
    if "STRYKER_MUTANT_ID_CONTROL_VAR".encode("utf-16-le") not in open(assembly, "rb").read():
        sys.exit(f"--bin {args.bin!r}: {ASSEMBLIES[args.project]} carries no Stryker instrumentation; copy the folder "
                 "while Stryker runs, after its log says it injected the mutated assembly")

    statuses = set(args.status.split(","))
    wanted = set(args.ids.split(",")) if args.ids else None
    mutants = logged_mutants(args, statuses, wanted) if args.log else reported_mutants(report, statuses, wanted)

    if args.list:
        for file, m in sorted(mutants, key=lambda x: (x[0], x[1]["line"], x[1]["id"])):
            print(f"{m['id']:>5} {file}:{m['line']} Stryker {m['status']} [{m['mutator']}] -> {m['replacement'][:80]}")
        print(f"{len(mutants)} mutants")
        return
    injected = injected_ids(assembly)
    if injected is None:
        print("ilspycmd did not run (dotnet tool restore): not checking that each mutant is in the assembly",
              file=sys.stderr)
    else:
        absent = [(file, m) for file, m in mutants if int(m["id"]) not in injected]
        for file, m in absent:
            print(f"{m['id']:>5} {file}:{m['line']} Stryker {m['status']}, re-checked: absent (never injected; apply it "
                  f"to the source by hand) [{m['mutator']}] -> {m['replacement'][:80]}", flush=True)
        mutants = [(file, m) for file, m in mutants if int(m["id"]) in injected]
    filters = [f for f in (args.quick, test_filter) if f]
    for f in filters:
        control = run_filter(args.bin, f, -1, args.level, args.timeout)
        if control != "passed":
            sys.exit(f"with no mutant switched on the filter {f!r}: {control}; the instrumented tests must pass first")
    verdicts = {}
    for file, m in sorted(mutants, key=lambda x: (x[0], x[1]["line"], x[1]["id"])):
        start = time.time()
        for f in filters:
            verdict = run_filter(args.bin, f, m["id"], args.level, args.timeout)
            if verdict != "passed":
                break
        if args.quick and verdict != "passed":
            verdict += " (quick)" if f == args.quick else ""
        kind = verdict.split()[0]
        verdicts[kind] = verdicts.get(kind, 0) + 1
        print(f"{m['id']:>5} {file}:{m['line']} Stryker {m['status']}, re-checked: {verdict} "
              f"({time.time() - start:.0f} s) [{m['mutator']}] -> {m['replacement'][:80]}", flush=True)
    print("re-checked:", ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())) or "nothing to re-check")


def reported_mutants(report, statuses, wanted):
    """(file name, mutant) for each mutant of the JSON report with one of the statuses, or among the ids."""
    chosen = []
    for name, entry in sorted(json.load(open(report))["files"].items()):
        for m in entry["mutants"]:
            if (wanted is None and m["status"] in statuses) or (wanted is not None and m["id"] in wanted):
                chosen.append((name.rsplit("/", 1)[-1], {"id": m["id"], "status": m["status"],
                               "line": m["location"]["start"]["line"], "mutator": m["mutatorName"],
                               "replacement": m.get("replacement", "")}))
    return chosen


def logged_mutants(args, statuses, wanted):
    """(file name, mutant) for each compiled mutant of the log with one of the statuses (or among the ids) in --files."""
    files = set(args.files.split(",")) if args.files else None
    logged = stryker_log.read(args.log)
    chosen = [m for m in logged.values() if m.compiled and m.mutator not in args.skip_mutator
              and (files is None or m.file.rsplit("/", 1)[-1] in files)
              and ((wanted is None and m.status in statuses) or (wanted is not None and str(m.id) in wanted))]
    skipped = [m.id for m in logged.values() if not m.compiled and wanted is not None and str(m.id) in wanted]
    if skipped:
        print(f"rolled back after a compile error, so not in the assembly: {skipped}", file=sys.stderr)
    stryker_log.locate(chosen, os.path.join(ROOT, "src"))
    return [(m.file.rsplit("/", 1)[-1], {"id": m.id, "status": m.status, "line": m.line, "mutator": m.mutator,
             "replacement": m.replacement.replace("\n", " ")}) for m in chosen]


if __name__ == "__main__":
    main()
