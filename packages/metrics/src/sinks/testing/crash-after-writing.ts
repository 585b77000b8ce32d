// Run as a child process by event-log.test.ts: logs a run's events, then dies by SIGKILL
// while the streams are still open, as a crashed training run would.
import { from } from 'rxjs';
import { sampleRun } from '../../pure-tests/sample-events.ts';
import { writeEpochCsv } from '../epoch-csv-file.ts';
import { writeJsonl } from '../event-log.ts';

const [jsonlPath, csvPath, countText] = process.argv.slice(2);
const events = sampleRun().slice(0, Number(countText));
from(events)
  .pipe(writeJsonl(jsonlPath ?? ''), writeEpochCsv(csvPath ?? ''))
  .subscribe({ complete: () => process.kill(process.pid, 'SIGKILL') });
