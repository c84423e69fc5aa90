#!/usr/bin/env bash
# One entry point for the two things a newcomer does: run the system, run the tests.
#   ./build.sh run    the whole distributed application with the Aspire dashboard
#   ./build.sh test   every test in the solution
# Both install the missing servers (redis-server, postgresql; chromium for the tests) with apt-get when root.
set -euo pipefail
cd "$(dirname "$0")"

need_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is missing. Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian), then run this again." >&2
    exit 1
  fi
}

# The Debian packages of the real servers the system and its tests run: redis-server, PostgreSQL and (tests
# only) Chromium and Node. Prints the ones that are missing.
missing_packages() {
  command -v redis-server >/dev/null 2>&1 || echo redis-server
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || echo postgresql
  if [ "${1:-}" = "test" ]; then
    command -v chromium >/dev/null 2>&1 || echo chromium
    # Deploy.Tests synthesizes the CDK stack: the CDK runs in Node (jsii).
    command -v node >/dev/null 2>&1 || echo nodejs
  fi
}

need_packages() {
  local missing
  missing="$(missing_packages "$@" | tr '\n' ' ')"
  missing="${missing% }"
  if [ -z "$missing" ]; then return; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Missing: $missing. Installing with apt-get" >&2
    apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "Missing: $missing. Install with: sudo apt-get update && sudo apt-get install -y $missing" >&2
    exit 1
  fi
}

case "${1:-}" in
  run)
    need_dotnet
    need_packages run
    # The dashboard's address and login link appear in the output below (http://localhost:15080).
    exec dotnet run --project AppHost/AppHost.csproj
    ;;
  test)
    need_dotnet
    need_packages test
    dotnet build Agentic.sln -c Release
    dotnet test Agentic.sln -c Release --no-build
    ;;
  *)
    echo "usage: ./build.sh run | test" >&2
    exit 2
    ;;
esac
