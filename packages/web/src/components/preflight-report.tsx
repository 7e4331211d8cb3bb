import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api } from '../lib/trpc.ts';

interface Check {
  id: string;
  status: 'pass' | 'warn' | 'fail';
  message: string;
}

const ICON = { pass: '✓', warn: '⚠', fail: '✗' } as const;

/** workflow.md §10.2: the latest pre-flight report, every check with its outcome (saved on failure too). */
export function PreflightReport(props: { ticketId: string }) {
  const report = createQuery(() => ({
    queryKey: keys.artifactsOf(props.ticketId, 'preflight_report'),
    queryFn: () => api.artifacts.list.query({ id: props.ticketId, artifactType: 'preflight_report' }),
  }));
  const checks = (): Check[] => {
    const latest = report.data?.at(-1);
    if (!latest) return [];
    return (JSON.parse(latest.content) as { checks: Check[] }).checks; // written by the server's preflight phase
  };
  return (
    <Show when={checks().length > 0}>
      <section class="panel" aria-label="Pre-flight report" data-testid="preflight-report">
        <h2>Pre-flight checks</h2>
        <ul class="checks">
          <For each={checks()}>
            {(check) => (
              <li class={`check ${check.status}`} data-check={check.id} data-status={check.status}>
                <span aria-hidden="true">{ICON[check.status]}</span> <strong>{check.id}</strong> {check.message}
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
