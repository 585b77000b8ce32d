import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { decodeJson } from './pure/decode-json.ts';
import { PytorchRow } from './pure/depth-result.ts';

const SCRIPT = fileURLToPath(new URL('../../../tools/pytorch_resnet_bench.py', import.meta.url));
const INSTALL_HINT = 'PyTorch not installed: apt-get install python3-torch';

export interface PytorchPlan {
  readonly python: string;
  readonly depths: ReadonlyArray<number>;
  readonly batchSize: number;
  readonly warmup: number;
  readonly steps: number;
  readonly threads: ReadonlyArray<number>;
  readonly device: 'cpu' | 'cuda';
}

const lastLine = (text: string): string => text.trim().split('\n').at(-1)?.trim() ?? '';

const lacksTorch = (rows: ReadonlyArray<PytorchRow>): boolean =>
  rows.every((row) => row.status === 'unavailable' && row.message.includes(INSTALL_HINT));

/** The Python the benchmark tries first; where it lacks torch, Debian's system Python is tried. */
export const DEFAULT_PYTHON = 'python3';
/** Where Debian's python3-torch installs, whatever `python3` is on the PATH (pyenv, a venv). */
const DEBIAN_PYTHON = '/usr/bin/python3';

/**
 * tools/pytorch_resnet_bench.py with `python`: its rows, or one 'unavailable' row saying why
 * (exit 3 is the script's "import torch failed"). Never fails the benchmark.
 */
const runWith = (plan: PytorchPlan): Promise<ReadonlyArray<PytorchRow>> =>
  new Promise((resolve) => {
    const args = [
      SCRIPT, `--depths=${plan.depths.join(',')}`, `--batch-size=${plan.batchSize}`, `--warmup=${plan.warmup}`, `--steps=${plan.steps}`,
      `--threads=${plan.threads.join(',')}`, `--device=${plan.device}`,
    ];
    execFile(plan.python, args, { encoding: 'utf8', maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const unavailable = (message: string): PytorchRow[] => [{ status: 'unavailable', message }];
      if (error !== null) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return resolve(unavailable(`${plan.python} not found: ${INSTALL_HINT}`));
        if (error.code === 3) return resolve(unavailable(`${INSTALL_HINT} (${plan.python} cannot import torch; try --python /usr/bin/python3)`));
        // Exit 4: torch imports but sees no CUDA GPU; its line says which build it is.
        return resolve(unavailable(error.code === 4 ? lastLine(stderr) : `${plan.python} failed: ${lastLine(stderr)}`));
      }
      const rows = decodeJson(t.array(PytorchRow), lastLine(stdout), 'pytorch_resnet_bench.py output');
      resolve(E.isRight(rows) ? rows.right : unavailable(rows.left));
    });
  });

/**
 * As above with `plan.python`; when that is the default and cannot run PyTorch, Debian's
 * /usr/bin/python3 too, so that `apt-get install python3-torch` is all the set-up needed.
 */
export const runPytorch = async (plan: PytorchPlan): Promise<ReadonlyArray<PytorchRow>> => {
  const first = await runWith(plan);
  if (!lacksTorch(first) || plan.python !== DEFAULT_PYTHON) return first;
  const debian = await runWith({ ...plan, python: DEBIAN_PYTHON });
  // The Python that has torch says what matters (measured, or e.g. no CUDA GPU).
  return lacksTorch(debian) ? first : debian;
};
