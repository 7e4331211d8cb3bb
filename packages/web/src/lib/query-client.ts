import { QueryClient } from '@tanstack/solid-query';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 2_000, retry: 1, refetchOnWindowFocus: true } },
});

export const keys = {
  tickets: ['tickets'] as const,
  ticket: (id: string) => ['ticket', id] as const,
  projects: ['projects'] as const,
  profile: ['profile'] as const,
  meta: ['workflow-meta'] as const,
  interview: (id: string) => ['interview', id] as const,
  startup: ['startup'] as const,
  opencode: ['opencode-health'] as const,
  questions: (id: string) => ['opencode-questions', id] as const,
  review: (id: string, domain: 'interview' | 'prd' | 'beads') => ['review', id, domain] as const,
  beads: (id: string) => ['beads', id] as const,
  setupPlan: (id: string, version: number | null) => ['setup-plan', id, version] as const,
  beadProgress: (id: string) => ['bead-progress', id] as const,
  beadDiff: (id: string, beadId: string) => ['bead-diff', id, beadId] as const,
  ticketDiff: (id: string) => ['ticket-diff', id] as const,
  artifactsOf: (id: string, artifactType: string) => ['artifacts', id, artifactType] as const,
  pullRequest: (id: string) => ['pull-request', id] as const,
};
