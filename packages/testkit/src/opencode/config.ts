// The global OpenCode config a test instance runs with (written to a file and passed as OPENCODE_CONFIG: a project
// opencode.json is invisible to sessions opened in other folders, such as worktrees).

export const SCRIPTED_PROVIDER = 'scripted';

export interface OpencodeConfigInput {
  /** The scripted model's base URL, ending in `/v1`. */
  modelUrl: string;
  /** Model ids the provider offers (`alpha`, not `scripted/alpha`). */
  models: string[];
  providerId?: string;
  /** OpenCode's git snapshots per step; off by default: they cost ~0.5 s a prompt and tests don't revert. */
  snapshot?: boolean;
}

export function buildOpencodeConfig(input: OpencodeConfigInput) {
  const providerId = input.providerId ?? SCRIPTED_PROVIDER;
  const first = input.models[0];
  return {
    $schema: 'https://opencode.ai/config.json',
    autoupdate: false,
    share: 'disabled',
    snapshot: input.snapshot ?? false,
    // Every tool runs without asking (edit, bash, external_directory, doom_loop…). Questions still wait for a reply.
    permission: 'allow',
    // Only the scripted provider: the built-in catalog's free models would otherwise count as connected.
    enabled_providers: [providerId],
    ...(first !== undefined && { small_model: `${providerId}/${first}` }),
    provider: {
      [providerId]: {
        npm: '@ai-sdk/openai-compatible',
        name: 'Scripted test model',
        options: { baseURL: input.modelUrl, apiKey: 'scripted' },
        models: Object.fromEntries(input.models.map((id) => [id, { name: id, tool_call: true }])),
      },
    },
  };
}
