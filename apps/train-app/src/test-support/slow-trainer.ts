// The real supervisor over a stand-in trainer whose steps each block the event loop for STEP_MS
// (as ResNet-110's do for seconds): prints `ready`, `step k` after each step, `checkpoint` when it stops.
import { stopRequests } from '../stop-signals.ts';
import { isTrainer, superviseTraining } from '../supervise.ts';

const stepMs = Number(process.env['STEP_MS'] ?? 1000);
const busy = (ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; );
};

if (!isTrainer()) {
  process.exitCode = await superviseTraining((line) => process.stderr.write(`${line}\n`));
} else {
  const reason = stopRequests();
  process.stdout.write('ready\n');
  for (let step = 0; step < 100; step += 1) {
    busy(stepMs);
    process.stdout.write(`step ${step}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    if (reason() !== undefined) {
      process.stdout.write(`checkpoint (${reason()})\n`);
      process.exitCode = 130;
      break;
    }
  }
}
