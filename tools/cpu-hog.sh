#!/usr/bin/env bash
# Runs a command while N busy loops compete with it for the CPU, to see whether tests hold on an oversubscribed
# machine (CI runners and shared build hosts are). The loops stop when the command ends, fails or is interrupted;
# the command's exit status is the script's.
#   tools/cpu-hog.sh [-n N] [--] command [args...]
# N defaults to twice the number of cores (every core oversubscribed twice over).
#   tools/cpu-hog.sh -- ./build.sh test
#   tools/cpu-hog.sh -n 4 -- dotnet test tests/AppHost.Tests
set -euo pipefail

loops=$(( 2 * $(nproc) ))
while [ $# -gt 0 ]; do
  case "$1" in
    -n) loops="${2:?-n needs a number}"; shift 2 ;;
    --) shift; break ;;
    -*) echo "usage: $0 [-n N] [--] command [args...]" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ] || ! [[ "$loops" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [-n N] [--] command [args...]" >&2
  exit 2
fi

pids=()
stop_loops() {
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_loops EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq 1 "$loops"); do
  ( while :; do :; done ) &
  pids+=("$!")
done
echo "cpu-hog: $loops busy loop(s) beside: $*" >&2

status=0
"$@" || status=$?
exit "$status"
