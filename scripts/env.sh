# Sourced by the scripts: one shared build directory outside the clone, so CI
# and every checkout on this machine reuse the same (slow, 2-core) build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/welltrack-target}"
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
