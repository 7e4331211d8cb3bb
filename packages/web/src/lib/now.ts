import { createSignal, onCleanup } from 'solid-js';

/** The wall clock as a signal, ticking every `intervalMs` while the owning component lives (countdowns, elapsed). */
export function createNow(intervalMs = 1000): () => number {
  const [nowMs, setNowMs] = createSignal(Date.now());
  const tick = setInterval(() => setNowMs(Date.now()), intervalMs);
  onCleanup(() => clearInterval(tick));
  return nowMs;
}
