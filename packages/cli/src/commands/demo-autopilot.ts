import type { Client } from '../client.ts';

/** Answer the current interview batch the way a hurried user would: first option, or a short default. */
export async function answerCurrentBatch(client: Client, id: string): Promise<boolean> {
  const view = await client.interview.get.query({ id });
  const batch = view.currentBatch;
  if (!batch || view.session?.pendingAnswerIds.length) return false;
  const answers: Record<string, string> = {};
  const selectedOptions: Record<string, string[]> = {};
  for (const question of batch.questions) {
    const first = question.options[0];
    if (first) selectedOptions[question.id] = [first.id];
    else
      answers[question.id] =
        question.answer_type === 'yes_no' ? 'Yes' : 'Keep it simple; follow the existing conventions.';
  }
  await client.interview.answerBatch.mutate({ id, answers, selectedOptions });
  return true;
}

/** Approve the latest artifact of the gate the ticket waits at; false when `status` is not a gate. */
export async function approveGate(client: Client, id: string, status: string): Promise<boolean> {
  const meta = await client.workflow.meta.query();
  const artifactType = meta.phases.find((phase) => phase.status === status && phase.isGate)?.reviewArtifact;
  if (!artifactType) return false;
  const latest = (await client.artifacts.list.query({ id, artifactType })).at(-1);
  if (!latest) return false;
  await client.ticketActions.approve.mutate({ id, expectedContentSha256: latest.contentSha256 });
  return true;
}
