// A ticket's workspace files as a port: every path is relative to a root (the ticket's worktree) and may not leave
// it. Handlers read and write the worktree through this, never through node:fs, so a fast test can swap it.

export interface WorkspaceFiles {
  /** The file's text, or null when it does not exist. */
  read(root: string, path: string): Promise<string | null>;
  /** Write atomically (temp file, fsync, rename), creating parent folders: a crash leaves the old or the new file. */
  write(root: string, path: string, content: string): Promise<void>;
  exists(root: string, path: string): Promise<boolean>;
  /** Remove a file or a folder with its content; a missing path is fine. */
  remove(root: string, path: string): Promise<void>;
}
