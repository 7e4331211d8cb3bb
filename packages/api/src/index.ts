export { type Config, type ConfigFlags, loadConfig } from '@looptroop/core';
export { createApp } from './app.ts';
export { type RunningServer, startServer, VERSION } from './server.ts';
