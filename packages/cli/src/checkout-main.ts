// The entry of a checkout (`pnpm looptroop`, bin/looptroop.js through tsx): every product command plus `demo`, which
// runs testkit's scripted model and the real OpenCode binary.
import { productCommands } from './commands/index.ts';
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  ...productCommands,
  demo: async () => (await import('./commands/demo.ts')).demo,
});
