#!/usr/bin/env node
// The built CLI (dist/, made by `pnpm --filter looptroop build`). Node 22.1+ caches the compiled modules between runs.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli/src/main.js');
