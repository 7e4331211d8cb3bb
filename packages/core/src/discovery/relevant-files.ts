import { stringify } from 'yaml';
import type { ArtifactService } from '../artifacts/service.ts';
import { PhaseError, type PhaseHandler } from '../lifecycle/phase.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import { callStructured } from '../opencode/structured-call.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import { normalizeRelevantFiles, RelevantFilesResult } from './schema.ts';

const render = loadPrompt(new URL('./relevant-files.md', import.meta.url));
const STATUS = 'SCANNING_RELEVANT_FILES';

/** workflow.md §6: the main implementer lists the files that matter; the result feeds later prompts. */
export function relevantFilesPhase(deps: {
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
}): PhaseHandler {
  return async (ctx) => {
    // Resume after a restart: a scan already stored for this attempt is reused.
    const done = await deps.artifacts.latest(ctx.ticket, 'relevant_files', {
      phase: STATUS,
      phaseAttempt: ctx.phaseAttempt,
    });
    if (done) return { event: 'RELEVANT_FILES_READY' };
    const text = render({ phaseTag: phaseTag(STATUS), ticketDetails: ticketDetails(ctx.ticket) });
    const result = await callStructured(
      deps.opencode,
      {
        ticket: ctx.ticket,
        phase: STATUS,
        phaseAttempt: ctx.phaseAttempt,
        title: `${ctx.ticket.externalId} · relevant files`,
        model: ctx.locked.mainImplementer,
        variant: ctx.locked.mainImplementerVariant,
        text,
        timeoutMs: ctx.settings.councilResponseTimeout * 1000,
        signal: ctx.signal,
        resume: ctx.continuation,
      },
      {
        schema: RelevantFilesResult,
        tag: 'RELEVANT_FILES_RESULT',
        rootKeys: ['file_count', 'files'],
        listPrimaryKeys: { files: 'path' },
        formatReminder:
          'One YAML document inside <RELEVANT_FILES_RESULT> tags with `file_count` and `files` (path, rationale, relevance, likely_action, content_preview).',
      },
      ctx.locked.structuredRetryCount,
    );
    await deps.artifacts.write(ctx.ticket, STATUS, 'relevant_files_attempts', JSON.stringify(result.attempts));
    if (!result.ok) {
      throw new PhaseError(
        `The relevant-files scan failed: ${result.error}`,
        ['RELEVANT_FILES_SCAN_FAILED'],
        { failureClass: result.failureClass, attempts: result.attempts.length },
        { cause: result.failure },
      );
    }
    const scan = normalizeRelevantFiles(result.value);
    await deps.artifacts.write(ctx.ticket, STATUS, 'relevant_files', stringify(scan), {
      filePath: 'relevant-files.yaml',
    });
    await deps.logs.milestone(ctx.ticket, STATUS, `Found ${scan.file_count} relevant files`, {
      files: scan.files.map((f) => f.path),
    });
    return { event: 'RELEVANT_FILES_READY' };
  };
}
