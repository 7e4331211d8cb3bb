#!/usr/bin/env bash
# Install dependencies, build LoopTroop once (web app + the `looptroop` package in packages/looptroop/dist) and start
# it on http://127.0.0.1:3000 as one Node process. Needs only Node 20+ and npm: pnpm is fetched through npx when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM="pnpm"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then PNPM="npx -y pnpm@12.4.2"; fi
$PNPM install --frozen-lockfile --reporter=silent
BUILT=packages/looptroop/dist/cli/src/main.js
# Rebuild only when a source, the web app or a dependency changed since the last build.
if [ ! -f "$BUILT" ] || [ -n "$(find packages/{core,api,cli,web}/src packages/web/index.html packages/looptroop/tsdown.config.ts pnpm-lock.yaml -newer "$BUILT" -print -quit)" ]; then
  $PNPM build
fi
exec node packages/looptroop/bin/looptroop.js start "$@"
