import type { Row } from './report.ts';

export async function benchOrchestration(_options: { dir: string }): Promise<Row[]> {
  return [];
}
