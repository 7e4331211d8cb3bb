export {
  type CreateTempRepoOptions,
  commitOnBranch,
  createTempDir,
  createTempRepo,
  type TempDir,
  type TempRepo,
} from './git-fixture.ts';
export {
  type GithubRequest,
  type GithubStandIn,
  type StartGithubStandInOptions,
  startGithubStandIn,
} from './github-stand-in/index.ts';
export {
  type Deferred,
  deferred,
  type ScriptedPhases,
  type ScriptedStep,
  scriptedPhases,
} from './in-process/scripted-phases.ts';
export {
  buildOpencodeConfig,
  findOpencodeBinary,
  freePort,
  type OpencodeBinary,
  type OpencodeConfigInput,
  type RunningOpencode,
  SCRIPTED_PROVIDER,
  type StartOpencodeOptions,
  startOpencode,
} from './opencode/index.ts';
export {
  beadStatus,
  codingScenario,
  FINAL_TEST_FILE,
  RALPH_NOTES,
  RESET_PROBE,
  SAMPLE_BEADS,
  SAMPLE_TEST_ARGS,
  SSO_ANSWER,
  SSO_QUESTION,
} from './scenarios/coding.ts';
export {
  type ExecutionScenarioOptions,
  executionScenario,
  samplePlan,
  setupResult,
} from './scenarios/execution.ts';
export { interviewScenario, phaseRule, replies } from './scenarios/interview.ts';
export { LIFECYCLE_SKIPPED, lifecycleScenario } from './scenarios/lifecycle.ts';
export { type PlanningScenarioOptions, planningReplies, planningScenario } from './scenarios/planning.ts';
export {
  ACCEPTANCE_TEST,
  createSampleRepo,
  SAMPLE_CODE,
  SAMPLE_REPO_FILES,
  SMOKE_TEST,
} from './scenarios/sample-repo.ts';
export { type BundledScenario, scenarioPath } from './scenarios/scenario-files.ts';
export {
  type HousekeepingKind,
  type LoggedRequest,
  loadScenarioFile,
  type ParsedScenario,
  parseScenario,
  type Reply,
  type ReplyKind,
  type ReplySource,
  type Rule,
  type Scenario,
  type ScriptedModel,
  type StartScriptedModelOptions,
  startScriptedModel,
  type ToolCallReply,
} from './scripted-model/index.ts';
