// The published package's entry (packages/looptroop builds it). A checkout runs `checkout-main.ts` instead.
import { type Command, CommandError } from './commands/context.ts';
import { productCommands } from './commands/index.ts';
import { runCli } from './run.ts';

/** The demo plays scripted models from packages/testkit, which the package does not ship: say where it runs. */
const demoNeedsCheckout: Command = async () => {
  throw new CommandError(
    '`looptroop demo` runs from a checkout of the LoopTroop repository (it needs the scripted model of ' +
      'packages/testkit, which the published package leaves out): clone it, then `pnpm install && pnpm looptroop demo --auto`.',
  );
};

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  ...productCommands,
  demo: async () => demoNeedsCheckout,
});
