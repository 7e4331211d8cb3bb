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

/** The questions the approved interview leaves skipped: the PRD's Full Answers step fills exactly these (§8.1). */
export async function skippedQuestionIds(client: Client, id: string): Promise<string[]> {
  const view = await client.interview.get.query({ id });
  return (view.document?.questions ?? []).filter((q) => q.answer.skipped).map((q) => q.id);
}

/**
 * Answer the agent's pending questions (workflow.md §10.6 "OpenCode questions") with each question's first option, as
 * a user clicking through would; returns one line per answer.
 */
export async function answerAgentQuestions(client: Client, id: string): Promise<string[]> {
  const lines: string[] = [];
  for (const pending of await client.opencodeQuestions.list.query({ id })) {
    const answers = pending.questions.map((q) => [q.options[0]?.label ?? 'Yes']);
    await client.opencodeQuestions.reply.mutate({ id, requestId: pending.requestId, answers });
    lines.push(
      `The agent asked: ${pending.questions.map((q) => q.question).join(' / ')} — answered ${answers.flat().join(', ')}`,
    );
  }
  return lines;
}

/** The gates the demo approves, and the review each one's hash comes from. */
const GATES = {
  WAITING_INTERVIEW_APPROVAL: 'interview',
  WAITING_PRD_APPROVAL: 'prd',
  WAITING_BEADS_APPROVAL: 'beads',
  WAITING_EXECUTION_SETUP_APPROVAL: 'setup',
} as const;
export type DemoGate = keyof typeof GATES;
export type ApprovedDocument = (typeof GATES)[DemoGate];

export function isDemoGate(status: string): status is DemoGate {
  return Object.hasOwn(GATES, status);
}

/**
 * Approve what `gate` reviews through its own procedure, with the hash of the version the review serves now.
 * Null when there is nothing to approve yet.
 */
export async function approveGate(
  client: Client,
  id: string,
  gate: DemoGate,
): Promise<{ document: ApprovedDocument; contentSha256: string } | null> {
  const document = GATES[gate];
  const { contentSha256 } =
    document === 'setup'
      ? await client.executionSetup.get.query({ id })
      : await client.planning.review.query({ id, domain: document });
  if (!contentSha256) return null;
  const approve = {
    interview: client.ticketActions.approveInterview,
    prd: client.ticketActions.approvePrd,
    beads: client.ticketActions.approveBeads,
    setup: client.ticketActions.approveExecutionSetupPlan,
  }[document];
  await approve.mutate({ id, expectedContentSha256: contentSha256 });
  return { document, contentSha256 };
}
