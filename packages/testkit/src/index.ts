export {
  freePort,
  type RunningOpencode,
  SCRIPTED_PROVIDER,
  startOpencode,
} from './opencode-launcher.ts';
export { interviewScenario, phaseRule, replies } from './scenarios.ts';
export {
  type LoggedRequest,
  parseScenario,
  type Reply,
  type Rule,
  type Scenario,
  type ScriptedModel,
  startScriptedModel,
} from './scripted-model.ts';
export { createTempRepo, type TempRepo } from './temp-repo.ts';
