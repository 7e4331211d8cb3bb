export type { HousekeepingKind } from './chat-request.ts';
export type { LoggedRequest, ReplyKind } from './request-log.ts';
export type { ReplySource } from './rule-matcher.ts';
export {
  loadScenarioFile,
  type ParsedScenario,
  parseScenario,
  type Reply,
  type Rule,
  type Scenario,
  type ToolCallReply,
} from './scenario.ts';
export { type ScriptedModel, type StartScriptedModelOptions, startScriptedModel } from './server.ts';
