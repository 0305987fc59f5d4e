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
set -euo pipefail
cd "$(dirname "$0")/.."

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

# The server's own variables only: a fresh database and signing key, any free port.
export DATA_DIR="$work" DATABASE_URL="sqlite:$work/graph.db" AUTH_SIGNING_KEY_PATH="$work/signing-key.pem"
export HOST=127.0.0.1 PORT=0 LOG_LEVEL=info
unset THROTTLE FAULT_RATE FAULT_STATUSES PUBLIC_BASE_URL AUTH_JWKS_URI AUTH_ISSUER AUTH_AUDIENCES
token=$(npm run -s token -- --expires-in 7200)

node scripts/cli.mjs serve >"$out/server.log" 2>&1 &
server_pid=$!
base_url=""
for _ in $(seq 1 150); do
  base_url=$(grep -o '"msg":"Server listening at http://[^"]*"' "$out/server.log" | head -1 | sed 's/.*at //; s/"$//') || true
  [ -n "$base_url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log"; exit 1; }
  sleep 0.2
done
[ -n "$base_url" ] || { echo "the server did not start"; cat "$out/server.log"; exit 1; }
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
