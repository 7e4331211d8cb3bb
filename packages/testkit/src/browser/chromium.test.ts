import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, launchChromium } from './chromium.ts';

// Runs the real Chromium: take the heavy lock (`flock /tmp/lt-heavy.lock pnpm vitest run <this file>`).
describe('headless Chromium of the browser tests', () => {
  it('runs with the quiet flags on a fresh profile that close removes', async () => {
    const chromium = await launchChromium({ viewport: { width: 800, height: 600 } });
    try {
      await chromium.page.goto('chrome://version');
      const commandLine = (await chromium.page.locator('#command_line').textContent()) ?? '';
      for (const flag of CHROMIUM_ARGS) expect(commandLine).toContain(flag);
      expect(commandLine).toContain(`--user-data-dir=${chromium.userDataDir}`);
      expect(chromium.page.viewportSize()).toEqual({ width: 800, height: 600 });
    } finally {
      await chromium.close();
    }
    expect(existsSync(chromium.userDataDir)).toBe(false);
  });
});
