// `pnpm tsx bench/coding-overhead.ts [--beads 10]`: what CODING costs outside the model (issue 13's performance
// note), measured in-process: the real CODING handler, libSQL file, git worktree with a bare origin, artifact/event/log
// services and OpenCode service; only the agent runtime is testkit's in-process fake answering at once (one file edit
// and a passing <BEAD_STATUS>). Everything measured is therefore LoopTroop's own orchestration: the time a real
// OpenCode call takes comes on top. Prints one JSON line per bead and a summary; bench/README.md keeps results.
import { parseArgs } from 'node:util';
import { bead, marker, startCodingHarness, writeIn } from '../packages/core/test/coding-harness.ts';

const { values } = parseArgs({ options: { beads: { type: 'string' } } });
const count = Number(values.beads ?? 10);
const plan = Array.from({ length: count }, (_, i) =>
  bead(`b${i + 1}`, i + 1, i ? { dependencies: { blocked_by: [`b${i}`], blocks: [] } } : {}),
);
let agentMs = 0;
const h = await startCodingHarness(plan, {
  current: async (r) => {
    const started = performance.now();
    const id = /implement bead (\w+)/.exec(r.text)?.[1] ?? 'x';
    await writeIn(r.directory, `src/${id}.js`, `export const ${id} = 1;\n`);
    agentMs += performance.now() - started;
    return marker(id);
  },
});
const rows: { bead: string; wallMs: number; modelCalls: number; promptChars: number }[] = [];
const total = performance.now();
try {
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const calls = h.prompts.length;
    await h.run();
    const made = h.prompts.slice(calls);
    rows.push({
      bead: plan[i]?.id ?? '',
      wallMs: Math.round(performance.now() - started),
      modelCalls: made.length,
      promptChars: made.reduce((n, p) => n + p.text.length, 0),
    });
    console.log(JSON.stringify(rows.at(-1)));
  }
  const wall = performance.now() - total;
  const perBead = rows.map((r) => r.wallMs).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      beads: count,
      wallMs: Math.round(wall),
      agentMs: Math.round(agentMs),
      orchestrationMsPerBead: { median: perBead[Math.floor(count / 2)], max: perBead.at(-1) },
      modelCallsPerBead: rows.reduce((n, r) => n + r.modelCalls, 0) / count,
      promptCharsPerBead: Math.round(rows.reduce((n, r) => n + r.promptChars, 0) / count),
    }),
  );
} finally {
  await h.cleanup();
}
