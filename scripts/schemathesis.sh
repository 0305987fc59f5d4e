#!/usr/bin/env bash
# Contract fuzzing: starts the server on a fresh SQLite file and runs Schemathesis (PyPI) against its own
# /openapi.json with a token from `npm run token`: every check, positive and negative data, and the phases
# examples, coverage, fuzzing and stateful (create → get / update / delete through the spec's links).
# Reports (JUnit, HAR) and the server's log go to $OUT (default test-output/schemathesis); the exit code is
# Schemathesis's: 0 only when nothing failed.
#
#   pip install schemathesis==4.32.5 && npm run fuzz              # defaults
#   MAX_EXAMPLES=200 npm run fuzz -- --seed 42                    # more cases; extra options go to `schemathesis run`
#
# Env: SCHEMATHESIS (the executable, default `schemathesis`), MAX_EXAMPLES (cases per operation and phase,
# default 25), OUT.
#
# The server is started by scripts/start-server.mjs, the shared startServer: the readiness signal and the
# environment handling of the tests, bench and soak (none of this shell's server settings reach it).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: npm run fuzz -- [schemathesis run options]
Starts the server on a fresh SQLite file and runs Schemathesis against its /openapi.json: every check,
positive and negative data, the phases examples, coverage, fuzzing and stateful. Options after -- go to
`schemathesis run` (e.g. --seed 42). Reports and the server's log go to $OUT (default
test-output/schemathesis). Env: SCHEMATHESIS (the executable), MAX_EXAMPLES (default 25), OUT.
USAGE
}
for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
  esac
done

schemathesis=${SCHEMATHESIS:-schemathesis}
out=${OUT:-test-output/schemathesis}
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT

# A fresh database and signing key (in $work), any free port; the server's URL and a token arrive on the fifo.
mkfifo "$work/ready"
node scripts/start-server.mjs --env DATA_DIR="$work" --env LOG_LEVEL=info --log "$out/server.log" --token \
  >"$work/ready" &
server_pid=$!
if ! { read -r base_url && read -r token; } <"$work/ready"; then
  echo "the server did not start:"
  cat "$out/server.log" 2>/dev/null || true
  exit 1
fi
echo "server at $base_url (log: $out/server.log)"

status=0
SCHEMATHESIS_HOOKS=scripts/schemathesis/hooks.py "$schemathesis" \
  --config-file scripts/schemathesis/schemathesis.toml run "$base_url/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all --mode all --phases examples,coverage,fuzzing,stateful \
  --max-examples "${MAX_EXAMPLES:-25}" \
  --report junit,har --report-dir "$out" --output-truncate false \
  "$@" || status=$?

# A server error the checks missed would still be in the log.
if grep -q '"level":50' "$out/server.log"; then
  echo "the server logged errors during the run (level 50 in $out/server.log):"
  grep '"level":50' "$out/server.log" | head -5
  status=1
fi
exit "$status"
