#!/usr/bin/env python3
"""Re-check Stryker's verdicts: run each Survived or Timeout mutant of a report again, alone, against the whole filter.

Why: on the matrix-product kernels Stryker.NET 5.1.0 (VsTest runner, perTest coverage) called mutants survivors that a
plain `dotnet test` of the same filter fails or crashes on (docs/reliability.md §7, "Stryker's verdicts, re-checked"):
it ran only the few tests its coverage map named, and a test host that crashed (a pointer write past an array) came
back as "success" and later, on the retried session, as "Timeout". This script switches one mutant on at a time in the
assembly Stryker instrumented (Stryker's own control: STRYKER_MUTANT_ID_CONTROL_VAR names a variable that holds the
mutant's id), runs every test of the filter with `dotnet test`, and reports what CI would see: the run fails, the test
host crashes, it hangs, or every test passes.

    python3 mutation/recheck.py optimized avx512 [--bin DIR] [--report JSON] [--filter F] [--status Survived,Timeout]
                                [--ids 1411,1574] [--timeout 300]

DIR defaults to mutation/reports/<project>-<level>/instrumented/, the copy of tests/Properties/bin/Release/net10.0 that
mutation/run.sh takes once Stryker has injected its instrumented assembly; the script refuses a directory whose assembly
has no Stryker instrumentation, and first runs the filter with no mutant switched on, which must pass.
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSEMBLIES = {"optimized": "Verification.Optimized.dll", "reference": "Verification.Reference.dll",
              "core": "Verification.Core.dll"}
LEVELS = {"avx512": {}, "avx2": {"DOTNET_EnableAVX512": "0", "DOTNET_EnableAVX512F": "0"},
          "vector128": {"DOTNET_EnableAVX2": "0"}, "scalar": {"DOTNET_EnableHWIntrinsic": "0"}}
CONTROL = "STRYKER_RECHECK_MUTANT"


def run_filter(bin_dir, test_filter, mutant_id, level, timeout):
    env = dict(os.environ, **LEVELS[level], STRYKER_MUTANT_ID_CONTROL_VAR=CONTROL, **{CONTROL: str(mutant_id)})
    try:
        done = subprocess.run(["dotnet", "test", os.path.join(bin_dir, "Verification.Properties.dll"), "--filter",
                               test_filter], env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hung"
    out = done.stdout + done.stderr
    if "Test host process crashed" in out or "Test Run Aborted" in out:
        return "crashed"
    if "Failed!" in out:
        return "failed"
    if "Passed!" in out and done.returncode == 0:
        return "passed"
    return f"unknown (exit {done.returncode})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", choices=sorted(ASSEMBLIES))
    parser.add_argument("level", choices=sorted(LEVELS))
    parser.add_argument("--bin", help="copy of the test output folder holding Stryker's instrumented assembly "
                        "(default: mutation/reports/<project>-<level>/instrumented)")
    parser.add_argument("--report", help="Stryker JSON report (default: mutation/reports/<project>-<level>/reports/mutation-report.json)")
    parser.add_argument("--filter", help="test filter (default: the configuration's test-case-filter)")
    parser.add_argument("--status", default="Survived,Timeout", help="statuses to re-check, comma-separated")
    parser.add_argument("--ids", help="only these mutant ids, comma-separated")
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
    if "NoCoverage" in statuses:
        # Seen on the kernels: three not-covered mutants of Gemm.Job.cs passed here, and each fails the tests when
        # applied to the source by hand, so switching a not-covered mutant on is not evidence of anything.
        sys.exit("--status NoCoverage: switching a not-covered mutant on had no effect in Stryker's instrumented "
                 "assembly (three such mutants pass here and fail when applied by hand); apply those to the source instead")
    wanted = set(args.ids.split(",")) if args.ids else None
    mutants = []
    for name, entry in sorted(json.load(open(report))["files"].items()):
        for m in entry["mutants"]:
            if (wanted is None and m["status"] in statuses) or (wanted is not None and m["id"] in wanted):
                mutants.append((name.rsplit("/", 1)[-1], m))

    control = run_filter(args.bin, test_filter, -1, args.level, args.timeout)
    if control != "passed":
        sys.exit(f"with no mutant switched on the filter {control}; the instrumented tests must pass first")
    verdicts = {}
    for file, m in sorted(mutants, key=lambda x: (x[0], x[1]["location"]["start"]["line"])):
        start = time.time()
        verdict = run_filter(args.bin, test_filter, m["id"], args.level, args.timeout)
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
        print(f"{m['id']:>5} {file}:{m['location']['start']['line']} Stryker {m['status']}, re-checked: {verdict} "
              f"({time.time() - start:.0f} s) [{m['mutatorName']}] -> {m.get('replacement', '')[:80]}", flush=True)
    print("re-checked:", ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())) or "nothing to re-check")


if __name__ == "__main__":
    main()
