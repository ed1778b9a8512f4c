#!/usr/bin/env bash
# Installs what is missing, then runs every test: Rust unit, database and
# HTTP tests against real PostgreSQL, then Playwright in Debian's Chromium
# (JavaScript on and off, axe-core, phone viewport).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh

echo "== build (server, wasm, css)"
cargo leptos build

echo "== Rust tests"
cargo test --no-fail-fast

echo "== Playwright"
npx playwright test --config end2end/playwright.config.ts
