#!/usr/bin/env bash
# Mutation testing (Stryker.NET, the local tool of .config/dotnet-tools.json) of one project against tests/Properties,
# at one instruction-set level. The level's switch is exported before Stryker starts, so the build, the test runner and
# every test host Stryker launches inherit it (docs/reliability.md, "Mutation testing", shows the evidence).
#
#   mutation/run.sh optimized|reference|core avx512|avx2|vector128|scalar [more dotnet-stryker options]
#   mutation/run.sh optimized avx2 --mutate '**/Layers/Dropout.cs' --mutate '**/Layers/DropoutMaskOps.cs'
#
# The report (HTML, JSON, cleartext) goes to mutation/reports/<project>-<level>/ (git-ignored).
# Stryker shows no progress when its output is not a terminal (nohup, CI); pass --log-to-file to follow a long run in
# the trace log it writes under the report folder. mutation/summary.py lists the survivors of a finished run, and
# mutation/recheck.py runs each survivor and timeout again against the whole filter, in the instrumented test folder this
# script keeps (mutation/reports/<project>-<level>/instrumented/), because Stryker's own verdicts on them can be wrong.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { echo "usage: mutation/run.sh optimized|reference|core avx512|avx2|vector128|scalar [dotnet-stryker options]" >&2; exit 2; }
[ $# -ge 2 ] || usage
project=$1 level=$2; shift 2
case "$project" in
  optimized) dir=src/Optimized ;;
  reference) dir=src/Reference ;;
  core) dir=src/Core ;;
  *) echo "unknown project '$project': expected optimized, reference or core" >&2; usage ;;
esac
case "$level" in
  avx512) ;;
  avx2) export DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0 ;;
  vector128) export DOTNET_EnableAVX2=0 ;;
  scalar) export DOTNET_EnableHWIntrinsic=0 ;;
  *) echo "unknown instruction-set level '$level': expected avx512, avx2, vector128 or scalar" >&2; usage ;;
esac

# The level must be one this processor reaches with the switch set; a level above it would silently test a lower one.
dotnet run --project src/Lab -- isa --expect "$level"

output="$root/mutation/reports/$project-$level"
rm -rf "$output"
dotnet tool restore >/dev/null
start=$(date +%s)
# Keep a copy of the test folder once Stryker has injected its instrumented assembly, for mutation/recheck.py.
assembly="$root/tests/Properties/bin/Release/net10.0/Verification.${dir#src/}.dll"
(while sleep 5; do
  if grep -qa MutantControl "$assembly" 2>/dev/null; then
    sleep 5 && mkdir -p "$output" && cp -r "$(dirname "$assembly")" "$output/instrumented" && break
  fi
done) &
watcher=$!
trap 'kill $watcher 2>/dev/null || true' EXIT
(cd "$dir" && dotnet tool run dotnet-stryker --config-file "$root/mutation/$project/stryker-config.json" \
  --output "$output" "$@")
echo "mutation: $project at $level took $(( $(date +%s) - start )) s; report in ${output#"$root"/}/reports/"
