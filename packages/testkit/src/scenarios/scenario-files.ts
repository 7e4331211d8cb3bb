import { fileURLToPath } from 'node:url';

/** Scenarios shipped as YAML beside this file. */
export type BundledScenario = 'hello';

/** Absolute path of a bundled scenario, for `loadScenarioFile`. */
export function scenarioPath(name: BundledScenario): string {
  return fileURLToPath(new URL(`./${name}.yaml`, import.meta.url));
}
