#!/usr/bin/env bash
# Installs what is missing, builds (release) and serves WellTrack on
# http://127.0.0.1:3000. With no DATABASE_URL it runs its own PostgreSQL
# cluster under ./.welltrack (or $WELLTRACK_DATA_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
export LEPTOS_HASH_FILES=true
exec cargo leptos serve --release
