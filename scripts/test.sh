#!/usr/bin/env bash
# Install everything the tests need and run the whole suite (lint, types, build, unit, integration, browser).
# Needs Node 20+ and npm; installs pnpm through npx when missing and Chromium through apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM="pnpm"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then PNPM="npx -y pnpm@12.4.2"; fi
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
$PNPM install --frozen-lockfile
rm -f test-artifacts/vitest.json
status=0
$PNPM check || status=$?
[ -f test-artifacts/vitest.json ] && node scripts/test-summary.mjs
exit $status
