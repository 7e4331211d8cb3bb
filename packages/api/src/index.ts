export { createApp } from './app.ts';
export { type RunningServer, startServer, VERSION } from './server.ts';
