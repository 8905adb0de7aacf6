#!/usr/bin/env bash
# Installs the pinned build tools on a fresh machine, offline except for the package registries.
# Idempotent: a tool already present at the pinned version is left alone.
# See ../shared/TOOLCHAIN.md for why each step looks the way it does.
set -euo pipefail

: "${CARGO_LEPTOS_VERSION:?run through make: the Makefile pins the tool versions}"
: "${WASM_BINDGEN_VERSION:?run through make: the Makefile pins the tool versions}"
TOOLS_BUILD_DIR="${HOME}/.cache/spendwise/tools"

log() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# Unpacks a crate's published source (the same .crate cargo downloads) into a build folder.
unpack_crate() {
  local name=$1 version=$2 dest=$3
  rm -rf "$dest" && mkdir -p "$dest"
  curl -fsSL "https://static.crates.io/crates/${name}/${name}-${version}.crate" | tar -xz -C "$dest" --strip-components=1
}

# Both tools' published lockfiles pin one crate that cannot be used here; each fix is one line.
install_patched() {
  local name=$1 version=$2 bad_crate=$3 good_version=$4
  local src="${TOOLS_BUILD_DIR}/${name}-${version}"
  log "building ${name} ${version} from source (pinning ${bad_crate} to ${good_version})"
  unpack_crate "$name" "$version" "$src"
  (cd "$src" && cargo update -p "$bad_crate" --precise "$good_version" \
     && CARGO_TARGET_DIR="${TOOLS_BUILD_DIR}/target" cargo install --path . --locked --force)
}

ensure_cargo_leptos() {
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    # cargo-util-schemas 0.14.2 needs rustc 1.96; 0.14.1 builds on 1.95.
    install_patched cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1
  fi
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    # webpki-roots 1.0.11 is not served by the registry; 1.0.10 is.
    install_patched wasm-bindgen-cli "$WASM_BINDGEN_VERSION" webpki-roots 1.0.10
  fi
}

ensure_npm_packages() {
  local root
  root=$(cd "$(dirname "$0")/.." && pwd)
  # `npm install` with exact pins, not `npm ci`: the lockfile cannot list the non-Linux
  # @tailwindcss/oxide-* optional packages the registry refuses, so `npm ci` calls it out of sync.
  if [ ! -d "$root/node_modules" ] || [ "$root/package.json" -nt "$root/node_modules/.installed" ]; then
    log "installing npm packages"
    (cd "$root" && npm install --no-audit --no-fund && touch node_modules/.installed)
  fi
  # The dashboard's charts: served from our own origin (no CDN), copied into the site's assets.
  local echarts="$root/node_modules/echarts/dist/echarts.min.js" vendor="$root/public/vendor"
  if ! cmp -s "$echarts" "$vendor/echarts.min.js"; then
    mkdir -p "$vendor" && cp "$echarts" "$vendor/echarts.min.js"
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  if [ "$(id -u)" = 0 ]; then
    log "installing Debian chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's chromium at /usr/bin/chromium." >&2
    echo "Install it with: sudo apt-get install -y chromium" >&2
    exit 1
  fi
}

case "${1:-build}" in
  build) ensure_wasm_target; ensure_wasm_bindgen; ensure_cargo_leptos; ensure_npm_packages ;;
  test) ensure_wasm_target; ensure_wasm_bindgen; ensure_cargo_leptos; ensure_npm_packages; ensure_chromium ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac
