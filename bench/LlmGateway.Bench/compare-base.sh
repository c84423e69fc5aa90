#!/usr/bin/env bash
# Gateway proxy overhead, a base commit against this tree, run alternately (base first) so drift on the machine hits
# both alike. Per run: added p50 (gateway minus direct), CPU per request of the gateway process (+ redis-server), and
# from a probe injected into the gateway process (bench/LlmGateway.Probe, DOTNET_STARTUP_HOOKS) its bytes allocated
# and CPU per request, counted in that process alone.
#
#   bench/LlmGateway.Bench/compare-base.sh [base-commit (default 020960d)] [runs (default 3)] [extra bench options]
#
# The base is checked out detached in /tmp/gateway-base-<commit> (or $BASE_DIR; reused when present); both sides
# build Release. Each run measures 30 s per path at 64 clients and 100 ms upstream latency; extra options go to both
# benches and win over these (the first occurrence counts), e.g. --seconds 60.
set -euo pipefail
base_commit=${1:-020960d}
runs=${2:-3}
shift $(( $# > 2 ? 2 : $# ))
root=$(cd "$(dirname "$0")/../.." && pwd)
base_dir=${BASE_DIR:-/tmp/gateway-base-$base_commit}
out=$(mktemp -d /tmp/gateway-compare.XXXXXX)

if [ ! -d "$base_dir" ]; then
  git -C "$root" worktree add -q --detach "$base_dir" "$base_commit" >/dev/null
fi
dotnet build -c Release "$base_dir/bench/LlmGateway.Bench" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/bench/LlmGateway.Bench" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/bench/LlmGateway.Probe" -v quiet -nologo >/dev/null
probe=$root/bench/LlmGateway.Probe/bin/Release/net10.0/LlmGateway.Probe.dll

run() { # side dir run-number
  local side=$1 dir=$2 n=$3 file="$out/$1-$3"
  shift 3
  dotnet "$dir/bench/LlmGateway.Bench/bin/Release/net10.0/LlmGateway.Bench.dll" proxy "$@" --latency 100 --concurrency 64 --seconds 30 \
    --set DOTNET_STARTUP_HOOKS="$probe" --set GATEWAY_PROBE_OUT="$file.probe" > "$file.txt"
  python3 - "$side" "$n" "$file" <<'PY'
import sys
side, n, file = sys.argv[1], sys.argv[2], sys.argv[3]
row = [l for l in open(file + ".txt") if l.startswith("| 64 |")][-1].split("|")
rows = [tuple(float(x) for x in l.split()) for l in open(file + ".probe") if l.strip()]
# Steady state: from the first second past 3,000 requests (JIT tiers settled) to the last request counted.
start = next(r for r in rows if r[1] > 3000)
end = max(rows, key=lambda r: r[1])
count = end[1] - start[1]
print(f"{side:4} run {n}: added p50 {row[7].strip():>9} | gateway + redis CPU/req {row[13].strip():>12} | probe: {(end[2]-start[2])/count:8,.0f} B/req, {1000*(end[3]-start[3])/count:4.0f} µs CPU/req | load {row[15].strip()}")
PY
}

echo "# base $base_commit ($base_dir) vs $(git -C "$root" rev-parse --short HEAD) ($root); outputs in $out"
for n in $(seq 1 "$runs"); do
  run base "$base_dir" "$n" "$@"
  run new "$root" "$n" "$@"
done
