import { loadConfig } from '@looptroop/core';
import { startServer } from './server.ts';

/** `tsx packages/api/src/main.ts`: run the server with env configuration (the CLI's `start` adds flags). */
const running = await startServer(loadConfig(process.env), process.env);
console.log(`LoopTroop listening on ${running.url}`);
const stop = async () => {
  await running.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
