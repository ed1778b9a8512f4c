#!/usr/bin/env bash
# Benchmarks the release server over loopback with wrk: builds it, starts it
# on a throwaway embedded cluster, seeds households (server/examples/bench_seed.rs),
# waits for the engine to drain, then measures every main page as the first
# household's parent and prints one table.
#
# Knobs (environment): BENCH_PORT (3999), BENCH_HOUSEHOLDS (50), BENCH_YEARS (5),
# BENCH_CONNECTIONS (8), BENCH_SECONDS (10), BENCH_START_TIMEOUT (120 s),
# BENCH_HOLD (set: keep the seeded server running after the table, to investigate).
# wrk and the server share the machine, so figures are relative, not absolute.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1mbench:\033[0m %s\n' "$*"; }
die() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

./scripts/setup.sh
source scripts/env.sh
if ! command -v wrk >/dev/null 2>&1; then
  say "installing Debian's wrk"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

port=${BENCH_PORT:-3999}
addr=127.0.0.1:$port
base=http://$addr
households=${BENCH_HOUSEHOLDS:-50}
years=${BENCH_YEARS:-5}
connections=${BENCH_CONNECTIONS:-8}
seconds=${BENCH_SECONDS:-10}
start_timeout=${BENCH_START_TIMEOUT:-120}

# 1. Build: the release server and site (precompressed), then the seeder.
export LEPTOS_HASH_FILES=true
say "building the release server and site"
cargo leptos build --release --precompress
say "building the seeder and the importer benchmark"
cargo build --release -p server --example bench_seed --example bench_import
bin=$CARGO_TARGET_DIR/release/server
seeder=$CARGO_TARGET_DIR/release/examples/bench_seed
[ -x "$bin" ] || die "no release server at $bin"
[ -x "$seeder" ] || die "no seeder at $seeder"
# Leptos reads the file hashes next to the executable it runs from.
[ -f "$(dirname "$bin")/hash.txt" ] || die "no hash.txt next to $bin (cargo-leptos writes it with LEPTOS_HASH_FILES=true)"
# cargo-leptos puts the site under the target directory when one is set.
if [ -d "$CARGO_TARGET_DIR/site/pkg" ]; then site=$CARGO_TARGET_DIR/site; else site=$PWD/target/site; fi
[ -d "$site/pkg" ] || die "no site at $site (looked in \$CARGO_TARGET_DIR/site and target/site)"

# 2. Start the server on a throwaway data directory (the postgres user must
# reach it when we are root: /var/tmp, 755).
if curl -s -o /dev/null --max-time 2 "$base/"; then die "something already answers on $addr (set BENCH_PORT)"; fi
data_dir=$(mktemp -d /var/tmp/welltrack-bench.XXXXXX)
chmod 755 "$data_dir"
server_pid=
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null || true; fi
    wait "$server_pid" 2>/dev/null || true
  fi
  # The server stops its PostgreSQL; give it time to remove its pid file before the directory goes.
  local pidfile=$data_dir/pgdata/postmaster.pid
  for _ in $(seq 1 30); do [ -e "$pidfile" ] || break; sleep 0.5; done
  if [ -e "$pidfile" ]; then
    pg_pid=$(head -n1 "$pidfile" 2>/dev/null || true)
    if [ -n "$pg_pid" ]; then kill -INT "$pg_pid" 2>/dev/null || true; fi
    for _ in $(seq 1 30); do [ -e "$pidfile" ] || break; sleep 0.5; done
  fi
  rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting $bin on $addr (data in $data_dir)"
WELLTRACK_DATA_DIR=$data_dir WELLTRACK_ADDR=$addr RUST_LOG=warn \
  LEPTOS_SITE_ROOT=$site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=welltrack LEPTOS_ENV=PROD \
  LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt \
  "$bin" >"$data_dir/server.log" 2>&1 &
server_pid=$!
server_failed() { tail -n 30 "$data_dir/server.log" >&2 || true; die "$1"; }
deadline=$((SECONDS + start_timeout))
until curl -sf -o /dev/null --max-time 5 "$base/sign-in"; do
  kill -0 "$server_pid" 2>/dev/null || server_failed "the server exited during start-up (log above)"
  [ "$SECONDS" -lt "$deadline" ] || server_failed "the server did not answer within ${start_timeout} s (log above)"
  sleep 1
done

# 3. Seed, wait for the engine, sign in.
say "seeding $households households × $years years"
"$seeder" --data-dir "$data_dir" --households "$households" --years "$years" --base "$base" \
  --out "$data_dir/bench.env" | tee "$data_dir/seed.log"
COOKIE= PROFILE_ID= RECIPE_ID= MEAL_ID=
source "$data_dir/bench.env"
[ -n "$COOKIE" ] && [ -n "$PROFILE_ID" ] && [ -n "$RECIPE_ID" ] && [ -n "$MEAL_ID" ] || die "the seeder wrote an incomplete $data_dir/bench.env"

# The measured recipe gets an image (our own fixture photo), uploaded as a browser does.
curl -s -o /dev/null -H "Cookie: $COOKIE" -H "Accept: application/json" -H "Origin: $base" \
  -F "recipe_id=$RECIPE_ID" -F "file=@server/tests/fixtures/recipe-card.png;type=image/png" \
  "$base/api/media/recipe-image"
image=$(curl -s -H "Cookie: $COOKIE" "$base/recipes/$RECIPE_ID" | grep -o '/media/[0-9a-f-]*' | head -n1 || true)
[ -n "$image" ] || die "the recipe page shows no uploaded image"

css=$(curl -s -H "Cookie: $COOKIE" "$base/" | grep -o '/pkg/[^"]*\.css' | head -n1 || true)
[ -n "$css" ] || die "no /pkg/*.css link in the dashboard HTML"

# 4. Measure. Each row: label|path|cookie (yes/no)|extra header.
rows=(
  "/|/|yes|"
  "/health|/health|yes|"
  "/health?metric=resting_hr|/health?metric=resting_hr|yes|"
  "/meals (5 y of meals)|/meals|yes|"
  "/meals/:id|/meals/$MEAL_ID|yes|"
  "/meals/:id?q=milk+whole (food search)|/meals/$MEAL_ID?q=milk+whole|yes|"
  "/recipes (500 recipes)|/recipes|yes|"
  "/recipes?page=5|/recipes?page=5|yes|"
  "/recipes/:id|/recipes/$RECIPE_ID|yes|"
  "/recipes?q=soup (search, 500 recipes)|/recipes?q=soup|yes|"
  "/recipes/:id?servings=8&units=imperial|/recipes/$RECIPE_ID?servings=8&units=imperial|yes|"
  "/recipes/:id/cooked (pantry check)|/recipes/$RECIPE_ID/cooked|yes|"
  "/recipes/:id/cook (cook mode)|/recipes/$RECIPE_ID/cook|yes|"
  "/media/:id (recipe image)|$image|yes|"
  "/leftovers|/leftovers|yes|"
  "/use-it-up (300 items)|/use-it-up|yes|"
  "/pantry (300 items)|/pantry|yes|"
  "/workouts|/workouts|yes|"
  "/recovery|/recovery|yes|"
  "/profiles|/profiles|yes|"
  "/profiles/:id (dependent)|/profiles/$PROFILE_ID|yes|"
  "/settings/dashboard|/settings/dashboard|yes|"
  "/settings/account|/settings/account|yes|"
  "/sign-in (signed out)|/sign-in|no|"
  "css (br)|$css|yes|Accept-Encoding: br"
)

# CPU time (ms) used so far by the server and by all PostgreSQL processes,
# from /proc (utime + stime of each process and of its waited-for children).
pg_postmaster() { head -n1 "$data_dir/pgdata/postmaster.pid" 2>/dev/null; }
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); t += $12 + $13 + $14 + $15 } END { printf "%.0f", t * 1000 / hz }' "$@" 2>/dev/null || echo 0
}
pg_cpu_ms() {
  local pm files=()
  pm=$(pg_postmaster)
  files+=("/proc/$pm/stat")
  for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do files+=("/proc/$c/stat"); done
  cpu_ms "${files[@]}"
}

# wrk prints latencies as 812.00us, 1.23ms, 1.05s or 1.02m.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v == "") { print "-"; exit }
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}
percentile() {
  awk -v p="$2" '/Latency Distribution/ { f = 1; next } f && $1 == p { print $2; exit }' <<<"$1"
}

table=()
warnings=()
for row in "${rows[@]}"; do
  IFS='|' read -r label path use_cookie extra <<<"$row"
  url=$base$path
  headers=()
  [ "$use_cookie" = yes ] && headers+=(-H "Cookie: $COOKIE")
  [ -n "$extra" ] && headers+=(-H "$extra")
  code=$(curl -s -o /dev/null -w '%{http_code}' "${headers[@]}" "$url" || true)
  [ "$code" = 200 ] || server_failed "$label ($url) answered $code, not 200"
  bytes=$(curl -s -o /dev/null -w '%{size_download}' "${headers[@]}" "$url")
  if [ -n "$extra" ]; then
    # The CSS row is already requested with br; its plain size is without it.
    br_bytes=$bytes
    plain=()
    [ "$use_cookie" = yes ] && plain+=(-H "Cookie: $COOKIE")
    bytes=$(curl -s -o /dev/null -w '%{size_download}' "${plain[@]}" "$url")
  else
    br_bytes=$(curl -s -o /dev/null -w '%{size_download}' "${headers[@]}" -H 'Accept-Encoding: br' "$url")
  fi
  say "wrk $label"
  wrk -t2 -c"$connections" -d2s "${headers[@]}" "$url" >/dev/null
  server_before=$(cpu_ms "/proc/$server_pid/stat")
  pg_before=$(pg_cpu_ms)
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${headers[@]}" "$url")
  server_cpu=$(($(cpu_ms "/proc/$server_pid/stat") - server_before))
  pg_cpu=$(($(pg_cpu_ms) - pg_before))
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  # CPU microseconds per request, in the server and in PostgreSQL.
  server_us=$(awk -v c="$server_cpu" -v n="${requests:-0}" 'BEGIN { if (n > 0) printf "%.0f", c * 1000 / n; else print "-" }')
  pg_us=$(awk -v c="$pg_cpu" -v n="${requests:-0}" 'BEGIN { if (n > 0) printf "%.0f", c * 1000 / n; else print "-" }')
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(to_ms "$(percentile "$out" 50%)")
  p99=$(to_ms "$(percentile "$out" 99%)")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  socket=$(grep -o 'Socket errors:.*' <<<"$out" || true)
  [ -n "$socket" ] && warnings+=("$label: $socket")
  table+=("$(printf '%-28s %9s %9s %9s %10s %11s %9s %9s %7s' "$label" "${rps:--}" "$p50" "$p99" "$bytes" "$br_bytes" "$server_us" "$pg_us" "${errors:-0}")")
done

# 5. Peak resident memory of the server process (PostgreSQL's processes not included).
rss=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status")

# 6. Report.
echo
echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), wrk -t2 -c$connections -d${seconds}s over loopback"
printf '%-28s %9s %9s %9s %10s %11s %9s %9s %7s\n' page "req/s" "p50 ms" "p99 ms" bytes "bytes (br)" "app µs" "pg µs" errors
printf '%s\n' "${table[@]}"
for w in "${warnings[@]}"; do echo "warning: $w"; done
echo "server peak RSS (VmHWM): $rss MB"
echo "app µs / pg µs: CPU time per request in the server process and in all PostgreSQL processes"
cat "$data_dir/seed.log"
# The importer's reading speed, in process on one core (no server involved).
"$CARGO_TARGET_DIR/release/examples/bench_import" --seconds 3
if [ -n "${BENCH_HOLD:-}" ]; then
  say "holding the server on $base (data in $data_dir, socket in $data_dir/run); Ctrl-C or kill $$ to stop"
  say "cookie: $COOKIE"
  while kill -0 "$server_pid" 2>/dev/null; do sleep 5; done
fi
