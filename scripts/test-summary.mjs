// Print the ten slowest test files, then the plain closing line CI reads ("Tests: N passed, N failed"), from
// vitest's JSON report.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const report = JSON.parse(readFileSync(new URL('../test-artifacts/vitest.json', import.meta.url), 'utf8'));
const slowest = report.testResults
  .map((file) => ({ seconds: (file.endTime - file.startTime) / 1000, path: relative(root, file.name) }))
  .sort((a, b) => b.seconds - a.seconds)
  .slice(0, 10);
console.log('Slowest test files:');
for (const file of slowest) console.log(`${file.seconds.toFixed(1).padStart(7)} s  ${file.path}`);
const skipped = report.numPendingTests + report.numTodoTests;
console.log(
  `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
