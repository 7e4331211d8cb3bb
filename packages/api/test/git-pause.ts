import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A deterministic kill point inside the server's git work: a `git` first on the server's PATH that runs the real git
// and, once armed, stops right before or right after the one command whose arguments contain a pattern, then tells
// the test it is there. The real git does all the work; the test only decides when the crash happens.

export interface GitPause {
  /** Prepend to the server process's PATH. */
  binDir: string;
  /** Stop the next git command whose arguments contain `pattern`, `before` or `after` running it. */
  arm(when: 'before' | 'after', pattern: string): void;
  /** Resolve once an armed command has stopped (its git work done when armed `after`). */
  waitUntilPaused(timeoutMs?: number): Promise<void>;
  /** End the stopped wrapper (it outlives a SIGKILLed server as an orphan). */
  release(): void;
}

export function createGitPause(dir: string): GitPause {
  const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
  const armed = join(dir, 'armed');
  const paused = join(dir, 'paused');
  const script = `#!/bin/sh
# A copy of the test's git-pause: see packages/api/test/git-pause.ts.
pause() { echo $$ > "${paused}.tmp"; mv "${paused}.tmp" "${paused}"; exec sleep 600; }
if [ -f "${armed}" ]; then
  when=$(head -n 1 "${armed}"); pattern=$(tail -n 1 "${armed}")
  case " $* " in
    *"$pattern"*)
      rm -f "${armed}"
      if [ "$when" = before ]; then pause; fi
      "${realGit}" "$@"; pause ;;
  esac
fi
exec "${realGit}" "$@"
`;
  writeFileSync(join(dir, 'git'), script);
  chmodSync(join(dir, 'git'), 0o755);
  return {
    binDir: dir,
    arm(when, pattern) {
      rmSync(paused, { force: true });
      writeFileSync(armed, `${when}\n${pattern}\n`);
    },
    async waitUntilPaused(timeoutMs = 180_000) {
      const deadline = Date.now() + timeoutMs;
      while (!existsSync(paused)) {
        if (Date.now() > deadline) throw new Error(`git never reached the armed command: ${readArmed(armed)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    release() {
      if (!existsSync(paused)) return;
      const pid = Number(readFileSync(paused, 'utf8').trim());
      rmSync(paused, { force: true });
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

const readArmed = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').replace('\n', ' ') : 'disarmed');
