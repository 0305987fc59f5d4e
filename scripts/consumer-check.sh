#!/usr/bin/env bash
# The package as another project gets it (CI runs this): `npm pack`, then in a temporary copy of
# examples/consumer `npm install` of that tarball, `tsc`, `graph-intune serve` and `npx graph-intune token`
# from the installed package, and the consumer run against that service. Fails unless the consumer printed every
# step, the server exits 0 on SIGTERM and the tarball holds no tests and no TypeScript sources.
#   bash scripts/consumer-check.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== npm pack"
# prepare (npm run build) runs first: the tarball's dist/ is built from the sources as they are.
tarball=$(cd "$root" && npm pack --pack-destination "$work" --loglevel=warn | tail -1)
files=$(tar -tzf "$work/$tarball")
echo "$tarball: $(echo "$files" | wc -l) files"
if echo "$files" | grep -E '^package/(test|src|scripts/server|examples)/|\.test\.|^package/dist/src/.*\.ts$' | grep -v '\.d\.ts$'; then
  echo "the tarball holds files only the repository needs (above)" >&2
  exit 1
fi

echo "== npm install (a copy of examples/consumer)"
mkdir "$work/consumer"
(cd "$root/examples/consumer" && tar -cf - --exclude=node_modules --exclude=dist --exclude=data .) | tar -xf - -C "$work/consumer"
mv "$work/$tarball" "$work/consumer/graph-intune-app-status.tgz"
cd "$work/consumer"
npm install --prefer-offline --no-audit --no-fund --loglevel=error
if [ -e node_modules/tsx ]; then echo "installing the package pulled in tsx" >&2; exit 1; fi

echo "== tsc"
npx --no-install tsc -p .

echo "== graph-intune serve (the installed package's bin, any free port)"
mkfifo "$work/server.out"
# The bin itself, not through npx: npm exec answers SIGTERM with its own exit code (143), hiding the server's.
PORT=0 LOG_LEVEL=info node_modules/.bin/graph-intune serve >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
exec 3<"$work/server.out"
base_url=""
# Readiness is the server's own "Server listening at" log line, read as it comes: no polling, no sleep.
while IFS= read -r line <&3; do
  if [[ $line =~ Server\ listening\ at\ (https?://[^\"]+) ]]; then base_url=${BASH_REMATCH[1]}; break; fi
done
if [ -z "$base_url" ]; then echo "the server stopped before listening:" >&2; cat "$work/server.err" >&2; exit 1; fi
cat <&3 >"$work/server.log" &
echo "listening at $base_url"

echo "== npx graph-intune token; node dist/main.js"
token=$(npx --no-install graph-intune token)
output=$(GRAPH_BASE_URL="$base_url" GRAPH_TOKEN="$token" node dist/main.js)
echo "$output"
for expected in \
  'created mobileApp #microsoft.graph.webApp "Consumer Portal"' \
  'created 5 userAppInstallStatuses' \
  'listed 5 userAppInstallStatuses in 3 pages: Adele Vance, Alex Wilber, Lynne Robbins, Megan Bowen, Nestor Wilke' \
  'unknown id: HTTP 404 ResourceNotFound: ' \
  'deleted the mobileApp'; do
  if ! grep -qF -- "$expected" <<<"$output"; then echo "missing from the consumer's output: $expected" >&2; exit 1; fi
done

echo "== SIGTERM: the installed server stops cleanly (exit code 0)"
kill -TERM "$server_pid"
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
if [ "$server_status" -ne 0 ]; then
  echo "the server exited with $server_status on SIGTERM:" >&2
  cat "$work/server.err" >&2
  exit 1
fi

echo "consumer check: passed"
