import { z } from 'zod';

export const RemoteKind = z.enum(['github', 'other', 'none']);
export type RemoteKind = z.infer<typeof RemoteKind>;

export interface RemoteInfo {
  kind: RemoteKind;
  url: string | null;
  /** `owner/repo` for GitHub remotes. */
  githubRepoSlug: string | null;
}

const githubPatterns = [
  /^https?:\/\/(?:[^@/]+@)?github\.com\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/i,
  /^(?:ssh:\/\/)?git@github\.com[:/]([^/]+)\/([^/]+?)(?:\.git)?\/?$/i,
];

/** Classify an origin URL. Spec README decision: any remote (or none) is accepted; GitHub is only detected. */
export function classifyRemote(url: string | null | undefined): RemoteInfo {
  if (!url) return { kind: 'none', url: null, githubRepoSlug: null };
  for (const pattern of githubPatterns) {
    const match = pattern.exec(url.trim());
    if (match) return { kind: 'github', url, githubRepoSlug: `${match[1]}/${match[2]}` };
  }
  return { kind: 'other', url, githubRepoSlug: null };
}
