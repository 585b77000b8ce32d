// Prints vitest's JSON report as the one line CI understands: "N passed, N failed, N skipped".
// A suite that failed to load counts as a failure, so a broken import can never look green.
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'tmp/vitest-report.json';
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  console.log(`no test report at ${path}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const brokenSuites = report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
const failed = report.numFailedTests + brokenSuites;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && report.numPassedTests > 0 ? 0 : 1);
