// `tsx bench/cpu-profile.ts FILE.cpuprofile [--top 25]`: where a `node --cpu-prof` profile (e.g. from
// `pnpm bench --cpu-prof`, bench/results/profiles/) spent its self time, by function and by package.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { share } from './stats.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string' } } });
const file = positionals[0];
if (!file) throw new Error('usage: tsx bench/cpu-profile.ts FILE.cpuprofile [--top 25]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile; // V8's .cpuprofile format
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));

/** `node_modules/.pnpm/x@1/node_modules/x/…` → `x`; our own dist → `looptroop/<package>`; node internals → `node`. */
function owner(url: string): string {
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (dep) return dep;
  const ours = /dist\/(\w+)\/src\//.exec(url)?.[1] ?? /dist\/vendor\/([^/]+)/.exec(url)?.[1];
  if (ours) return `looptroop/${ours}`;
  return url.startsWith('node:') || url === '' ? 'node / V8' : url;
}

const fns = new Map<string, number>();
const owners = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
  total += us;
  const where = `${frame.functionName || '(anonymous)'} ${owner(frame.url)}:${frame.lineNumber + 1}`;
  fns.set(where, (fns.get(where) ?? 0) + us);
  owners.set(owner(frame.url), (owners.get(owner(frame.url)) ?? 0) + us);
}
const top = Number(values.top ?? 25);
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (busy ${Math.round(total / 1000)} ms)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${String(share(us, total)).padStart(5)} %  ${String(Math.round(us / 1000)).padStart(6)} ms  ${name}`);
  }
};
print('self time by package', owners);
print('self time by function', fns);
