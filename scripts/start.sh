#!/usr/bin/env bash
# Install dependencies, build the web app and start LoopTroop on http://127.0.0.1:3000.
# Needs only Node 20+ and npm: pnpm is fetched through npx when it is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM="pnpm"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then PNPM="npx -y pnpm@12.4.2"; fi
$PNPM install --frozen-lockfile
$PNPM --filter @looptroop/web build
exec $PNPM looptroop start "$@"
