#!/usr/bin/env bash
# Starts the built server for Playwright on a fresh embedded cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
for site in "$CARGO_TARGET_DIR/site" target/site; do
  if compgen -G "$site/pkg/welltrack*.js" >/dev/null; then export LEPTOS_SITE_ROOT="$site"; break; fi
done
: "${LEPTOS_SITE_ROOT:?the site is not built: run cargo leptos build first}"
# cargo-leptos wrote content-hashed names and hash.txt beside the binary.
export LEPTOS_HASH_FILES=true
export WELLTRACK_DATA_DIR="${WELLTRACK_E2E_DATA_DIR:-$(mktemp -d /tmp/welltrack-e2e.XXXXXX)}"
export WELLTRACK_ADDR="${WELLTRACK_E2E_ADDR:-127.0.0.1:3210}"
# Every Playwright test is another household, but all come from 127.0.0.1: the tests say
# where each comes from (X-Forwarded-For, set by helpers.signUp), as a reverse proxy would,
# so the sign-up throttle (20 an hour from one address) stays on and counts each on its own.
export WELLTRACK_TRUSTED_PROXIES="${WELLTRACK_TRUSTED_PROXIES:-127.0.0.1}"
exec "$CARGO_TARGET_DIR/debug/server"
