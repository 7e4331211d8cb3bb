#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step): register tsx, then load the checkout's CLI (with `demo`).
import { register } from 'tsx/esm/api';

register();
await import('../src/checkout-main.ts');
