/**
 * `nx run dataset-writer:run --source PATH_OR_URL --out DIR`: writes the record repository.
 * Exit 0 done (or reused), 1 failed (one line on stderr), 2 bad usage, 130 interrupted.
 */
import { consoleProgress } from './download-progress.ts';
import { parseCliOptions, USAGE } from './cli-options.ts';
import { writeRepository } from './write-repository.ts';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const main = async (): Promise<number> => {
  const parsed = parseCliOptions(process.argv.slice(2));
  if (parsed._tag === 'Left') {
    process.stderr.write(`${parsed.left}\n${USAGE}\n`);
    return 2;
  }
  const options = parsed.right;
  if (options.help) {
    log(USAGE);
    return 0;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => {
    controller.abort();
    // The writer stops at its next checkpoint and removes its work folder; a second Ctrl-C
    // ends the process at once (the next run removes the folder it leaves).
    process.once('SIGINT', () => process.exit(130));
  });
  const result = await writeRepository(options.source, options.out, {
    log,
    signal: controller.signal,
    force: options.force,
    download: { log, progress: consoleProgress(log, 'download'), ...(options.md5 ? { md5: options.md5.toLowerCase() } : {}) },
  })();
  if (result._tag === 'Left') {
    process.stderr.write(`${result.left}\n`);
    return controller.signal.aborted ? 130 : 1;
  }
  return 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
