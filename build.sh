#!/usr/bin/env bash
# One entry point for the two things a newcomer does: run the system, run the tests.
#   ./build.sh run    the whole distributed application with the Aspire dashboard
#   ./build.sh test   every test in the solution
set -euo pipefail
cd "$(dirname "$0")"

need_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is missing. Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian), then run this again." >&2
    exit 1
  fi
}

need_redis() {
  if command -v redis-server >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "redis-server is missing: installing it with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "redis-server is missing. Install it with: sudo apt-get update && sudo apt-get install -y redis-server" >&2
    exit 1
  fi
}

case "${1:-}" in
  run)
    need_dotnet
    need_redis
    # The dashboard's address and login link appear in the output below (http://localhost:15080).
    exec dotnet run --project AppHost/AppHost.csproj
    ;;
  test)
    need_dotnet
    need_redis
    dotnet build Agentic.sln -c Release
    dotnet test Agentic.sln -c Release --no-build
    ;;
  *)
    echo "usage: ./build.sh run | test" >&2
    exit 2
    ;;
esac
