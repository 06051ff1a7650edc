#!/usr/bin/env bash
# Runs every test suite (unit, renderer, keychain, browser e2e, Electron e2e) in one vitest run and
# prints one closing line: "N passed, N failed, N skipped".
# The keychain suite needs a Secret Service: this script starts a private D-Bus session with
# gnome-keyring (unlocked with a throwaway password) and a temporary HOME, so nothing touches
# the user's own keychain.
set -uo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
report="$out/vitest.json"
export HTT_TEST_HOME="$(mktemp -d)"

# Build once up front: several suites need dist/ and must not race to build it.
npx vite build --logLevel error || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

run_vitest() {
  npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
}

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export -f run_vitest
  export report
  HOME="$HTT_TEST_HOME" XDG_DATA_HOME="$HTT_TEST_HOME/.local/share" XDG_CONFIG_HOME="$HTT_TEST_HOME/.config" \
    HTT_SECRET_SERVICE=1 npm_config_cache="${npm_config_cache:-$HOME/.npm}" \
    dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; run_vitest "$@"' _ "$@"
  status=$?
else
  echo "Keychain tests: skipped: no dbus-run-session/gnome-keyring-daemon (install dbus and gnome-keyring)"
  run_vitest "$@"
  status=$?
fi
node tests/summarize.mjs "$report" || status=1
rm -rf "$out" "$HTT_TEST_HOME"
exit $status
