// Web figures (issue 15 §3): the built bundle's size, and the board with N tickets in headless Chromium.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// bench/ is not a workspace package: testkit's browser helper is imported by path (its own dependencies resolve
// from packages/testkit/node_modules).
import { launchChromium } from '../packages/testkit/src/browser/chromium.ts';
import { fmt, type Row } from './report.ts';
import type { ServerProcess } from './server-process.ts';
import { summarize } from './stats.ts';

const WEB_DIST = fileURLToPath(new URL('../packages/web/dist', import.meta.url));

/** JS and CSS the browser loads, raw and gzip (level 6, as the server sends them). */
export function bundleSize(dist = WEB_DIST): Row {
  const assets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const files = ['index.html', ...assets.map((f) => join('assets', f))].map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
  });
  const raw = files.reduce((t, f) => t + f.bytes, 0);
  const gzip = files.reduce((t, f) => t + f.gzip, 0);
  return {
    section: 'web',
    measure: 'bundle (index.html + JS + CSS)',
    result: `${fmt(gzip / 1024)} KB gzip (${fmt(raw / 1024)} KB raw, ${files.length} files)`,
    data: { raw, gzip, files },
  };
}

/** In-page times from navigation start: all cards in and a task run after them; JS bundle and list answered. */
interface Breakdown {
  interactiveMs: number;
  scriptMs: number;
  listMs: number;
}

/**
 * Time to interactive of the board: from navigation start to the moment every card is in the DOM and the main
 * thread has run a task after it (a click would be handled), read inside the page (performance.now()).
 * One cold load on a fresh profile, then `warmRuns` reloads with the assets cached.
 */
export async function boardInteractive(server: ServerProcess, tickets: number, warmRuns = 3): Promise<Row> {
  const chromium = await launchChromium({ viewport: { width: 1440, height: 900 } });
  try {
    const { page } = chromium;
    const measure = async (load: () => Promise<unknown>) => {
      await load();
      await page.waitForFunction((n) => document.querySelectorAll('[data-ticket]').length >= n, tickets, {
        timeout: 60_000,
        polling: 'raf',
      });
      return page.evaluate(
        () =>
          new Promise<Breakdown>((resolve) =>
            setTimeout(() => {
              const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
              const end = (match: RegExp) => Math.round(resources.find((r) => match.test(r.name))?.responseEnd ?? 0);
              resolve({
                interactiveMs: Math.round(performance.now()),
                scriptMs: end(/\/assets\/index-.*\.js$/),
                listMs: end(/\/trpc\/tickets\.list/),
              });
            }, 0),
          ),
      );
    };
    const coldRun = await measure(() => page.goto(server.url));
    const warmBreakdowns: Breakdown[] = [];
    for (let i = 0; i < warmRuns; i += 1) warmBreakdowns.push(await measure(() => page.reload()));
    const cold = coldRun.interactiveMs;
    const warm = warmBreakdowns.map((r) => r.interactiveMs);
    const warmSummary = summarize(warm);
    const worst = Math.max(cold, ...warm);
    return {
      section: 'web',
      measure: `board interactive, ${fmt(tickets)} tickets (headless Chromium)`,
      result:
        `cold ${fmt(cold)} ms (JS loaded ${coldRun.scriptMs}, list ${coldRun.listMs}) · ` +
        `warm p50 ${fmt(warmSummary.p50)} ms (${warm.join(', ')})`,
      target: '< 1,000 ms',
      met: worst < 1000,
      data: { coldMs: cold, warmMs: warm, tickets, cold: coldRun, warm: warmBreakdowns },
    };
  } finally {
    await chromium.close();
  }
}
