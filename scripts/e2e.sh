#!/usr/bin/env bash
# Runs the browser tests (end2end/) against the freshly built release server, on a free port with
# a fresh SQLite data directory, and stops the server afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary="${CARGO_TARGET_DIR:?}/release/spendwise"
data_dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$data_dir/server.log"

# The admin tests sign in as this administrator, made before the server starts: which account
# registers first (and so becomes the admin) depends on the order the test files run in.
export E2E_ADMIN_EMAIL="admin-e2e@example.com"
E2E_ADMIN_PASSWORD="e2e admin $(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
export E2E_ADMIN_PASSWORD
printf '%s' "$E2E_ADMIN_PASSWORD" | DATA_DIR="$data_dir" "$binary" create-admin --email "$E2E_ADMIN_EMAIL" >"$log" 2>&1 \
  || { cat "$log" >&2; exit 1; }

# Every browser test signs up its own user from this one address: the per-address sign-in limit
# (a defence against guessing passwords, tested in server/tests) would otherwise cut the suite off.
LOGIN_ATTEMPTS_PER_IP=1000 DATA_DIR="$data_dir" LEPTOS_SITE_ADDR="127.0.0.1:$port" "$binary" serve >>"$log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data_dir"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; echo "the server exited before it was ready" >&2; exit 1; }
  sleep 0.1
done

cd "$root/end2end"
if ! BASE_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 tests/; then
  echo "--- server log ---" >&2; tail -n 50 "$log" >&2; exit 1
fi
