import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { RemoteKind } from '../git/remote.ts';
import { CouncilMembersInput, GitHookPolicy, IgnoreMode, tunableShape } from '../profile/schema.ts';

export const ProjectId = z.coerce.number().int().positive();

/** architecture.md §3.2: per-project overrides; null means "inherit from the profile". */
export const projectOverrideShape = {
  councilMembers: CouncilMembersInput.nullable(),
  maxIterations: tunableShape.maxIterations.nullable(),
  perIterationTimeout: tunableShape.perIterationTimeout.nullable(),
  executionSetupTimeout: tunableShape.executionSetupTimeout.nullable(),
  councilResponseTimeout: tunableShape.councilResponseTimeout.nullable(),
  minCouncilQuorum: tunableShape.minCouncilQuorum.nullable(),
  interviewQuestions: tunableShape.interviewQuestions.nullable(),
  manualQaOverride: z.boolean().nullable(),
  gitHookPolicy: GitHookPolicy.nullable(),
  ignoreMode: IgnoreMode.nullable(),
};

export const ProjectOverrides = z.object({
  ...projectOverrideShape,
  councilMembers: z.array(z.string()).nullable(),
});
export type ProjectOverrides = z.infer<typeof ProjectOverrides>;

export const EMPTY_OVERRIDES: ProjectOverrides = {
  councilMembers: null,
  maxIterations: null,
  perIterationTimeout: null,
  executionSetupTimeout: null,
  councilResponseTimeout: null,
  minCouncilQuorum: null,
  interviewQuestions: null,
  manualQaOverride: null,
  gitHookPolicy: null,
  ignoreMode: null,
};

const Name = z.string().trim().min(1).max(100);
const Icon = z.string().min(1).max(16);
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color must be #RRGGBB');

export const ProjectCreateInput = z
  .object({
    name: Name,
    shortname: z.string().regex(/^[A-Z0-9]{3,5}$/, 'shortname is 3–5 characters, A–Z and 0–9'),
    // Issue 17: a relative path would resolve against the server's cwd; refused, as the folder browser does.
    folderPath: z.string().min(1).refine(isAbsolute, 'folderPath must be an absolute path'),
    icon: Icon.optional(),
    color: Color.optional(),
    profileId: z.number().int().positive().nullable().optional(),
    ...z.object(projectOverrideShape).partial().shape,
  })
  .strict();
export type ProjectCreateInput = z.infer<typeof ProjectCreateInput>;

export const ProjectPatchInput = z
  .object({
    id: ProjectId,
    name: Name.optional(),
    icon: Icon.optional(),
    color: Color.optional(),
    ...z.object(projectOverrideShape).partial().shape,
  })
  .strict();
export type ProjectPatchInput = z.infer<typeof ProjectPatchInput>;

export const Project = z.object({
  id: z.number().int(),
  name: z.string(),
  shortname: z.string(),
  folderPath: z.string(),
  icon: z.string(),
  color: z.string(),
  profileId: z.number().int().nullable(),
  originUrl: z.string().nullable(),
  remoteKind: RemoteKind,
  githubRepoSlug: z.string().nullable(),
  ticketCounter: z.number().int(),
  ticketCount: z.number().int(),
  activeTicketCount: z.number().int(),
  ...ProjectOverrides.shape,
  /** Seed form of the override: a JSON array string, or null to inherit. */
  councilMembers: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;

export const ExistingProject = z.object({
  id: z.number().int(),
  name: z.string(),
  shortname: z.string(),
  ticketCount: z.number().int(),
  activeTicketCount: z.number().int(),
});

export const CheckGitResult = z.object({
  isGit: z.boolean(),
  status: z.enum(['valid', 'invalid', 'none']),
  message: z.string(),
  scope: z.enum(['root', 'subfolder']).nullable(),
  repoRoot: z.string().nullable(),
  currentBranch: z.string().nullable(),
  originUrl: z.string().nullable(),
  remoteKind: RemoteKind,
  isGithub: z.boolean(),
  githubRepoSlug: z.string().nullable(),
  hasLoopTroopState: z.boolean(),
  existingProject: ExistingProject.nullable(),
});
export type CheckGitResult = z.infer<typeof CheckGitResult>;

export const FolderListing = z.object({
  currentPath: z.string(),
  parentPath: z.string().nullable(),
  dirs: z.array(z.object({ name: z.string(), path: z.string(), isGitRepo: z.boolean() })),
});
export type FolderListing = z.infer<typeof FolderListing>;

export const DeleteProjectResult = z.object({ success: z.literal(true), projectRoot: z.string() });
