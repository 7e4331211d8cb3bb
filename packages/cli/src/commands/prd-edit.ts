import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError } from '../client.ts';
import { type Command, type CommandContext, CommandError, requireArg } from './context.ts';

/** The PRD text to save, and the file it came from when that file is the user's to keep. */
interface Edit {
  content: string;
  /** A temp file written for the editor: removed after a save, kept (and named) when the save is refused. */
  tempDir: string | null;
  path: string;
}

/** Run `$VISUAL`/`$EDITOR` (default `vi`) on `path` in the terminal, through `sh` so `EDITOR="code --wait"` works. */
function runEditor(ctx: CommandContext, path: string): Promise<number | null> {
  const editor = ctx.env.VISUAL || ctx.env.EDITOR || 'vi';
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `${editor} "$1"`, 'looptroop-editor', path], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', resolve);
  });
}

export async function editInEditor(
  ctx: CommandContext,
  ticketId: string,
  current: string,
  fileName = 'prd.yaml',
): Promise<Edit> {
  const tempDir = await mkdtemp(join(tmpdir(), `looptroop-${ticketId.replace(/[^\w-]/g, '_')}-`));
  const path = join(tempDir, fileName);
  await writeFile(path, current);
  const code = await runEditor(ctx, path);
  if (code !== 0) {
    await rm(tempDir, { recursive: true, force: true });
    throw new CommandError(`the editor exited with ${code ?? 'a signal'}; nothing was saved`);
  }
  return { content: await readFile(path, 'utf8'), tempDir, path };
}

/**
 * `prd edit REF [--file PATH]`: open the current PRD YAML in `$EDITOR` (or take a prepared file) and save it through
 * `files.put`. The server validates and rewrites it canonically (workflow.md §8.5); a refused save exits 1 with each
 * problem on its own line, and an editor session's text is kept in its temp file so nothing typed is lost.
 */
export const editPrd: Command = async (ctx) => {
  const ticketId = requireArg(ctx, 1, 'ticket reference');
  const current = await ctx.client.files.get.query({ ticketId, file: 'prd' });
  if (current.content === null) throw new CommandError(`${ticketId} has no PRD to edit yet`);
  const edit: Edit = ctx.flags.file
    ? { content: await readFile(ctx.flags.file, 'utf8'), tempDir: null, path: ctx.flags.file }
    : await editInEditor(ctx, ticketId, current.content);
  if (edit.content === current.content) {
    if (edit.tempDir) await rm(edit.tempDir, { recursive: true, force: true });
    ctx.out.info('No changes; nothing saved.');
    return 0;
  }
  const saved = await ctx.client.files.put
    .mutate({ ticketId, file: 'prd', content: edit.content })
    .catch((error: unknown) => {
      ctx.out.info(`error: ${describeError(error, ctx.server.url)}`);
      ctx.out.info(
        edit.tempDir
          ? `The PRD was not saved. Your edit is kept in ${edit.path}; fix it and run: looptroop prd edit ${ticketId} --file ${edit.path}`
          : 'The PRD was not saved.',
      );
      return null;
    });
  if (!saved) return 1;
  if (edit.tempDir) await rm(edit.tempDir, { recursive: true, force: true });
  const ticket = await ctx.client.tickets.get.query({ id: ticketId });
  ctx.out.print(saved, () =>
    saved.contentSha256 === current.contentSha256
      ? `The PRD of ${ticketId} is unchanged once normalized; nothing new to approve.`
      : `Saved the PRD of ${ticketId} (sha256 ${saved.contentSha256}); ${ticketId} is ${ticket.status}.`,
  );
  return 0;
};
