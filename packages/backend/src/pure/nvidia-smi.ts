import * as O from 'fp-ts/Option';

/** One row of `nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits`. */
export interface ComputeApp {
  readonly pid: number;
  readonly usedMiB: number;
}

const parseRow = (line: string): O.Option<ComputeApp> => {
  const [pid, used, ...rest] = line.split(',').map((f) => f.trim());
  if (rest.length > 0 || pid === undefined || used === undefined) return O.none;
  // Drivers print '[N/A]' or '[Not Supported]' where they cannot measure: that is no figure, not zero.
  if (!/^\d+$/.test(pid) || !/^\d+$/.test(used)) return O.none;
  return O.some({ pid: Number(pid), usedMiB: Number(used) });
};

/** Every well-formed row; malformed ones are skipped, never guessed. */
export const parseComputeApps = (csv: string): readonly ComputeApp[] =>
  csv.split(/\r?\n/).flatMap((line) => O.match(() => [], (app: ComputeApp) => [app])(parseRow(line)));

/** Bytes of GPU memory `pid` holds, summed over GPUs; none when nvidia-smi lists no figure for it. */
export const gpuBytesOfPid = (csv: string, pid: number): O.Option<number> => {
  const mine = parseComputeApps(csv).filter((app) => app.pid === pid);
  return mine.length === 0 ? O.none : O.some(mine.reduce((sum, app) => sum + app.usedMiB, 0) * 2 ** 20);
};

/** GPU names from `nvidia-smi --query-gpu=name --format=csv,noheader`. */
export const parseGpuNames = (csv: string): readonly string[] =>
  csv.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('No devices'));

// A row of plain `nvidia-smi`'s process table: GPU, GI, CI, PID, type (C, G, C+G), name, memory.
const processRow = /^\|\s+\d+\s+\S+\s+\S+\s+(\d+)\s+(?:C|G|C\+G)\s+.*\s(\d+)MiB\s*\|$/;

/**
 * Bytes `pid` holds per plain `nvidia-smi`'s process table, which also lists graphics-type
 * processes (a Vulkan device may count as one) that --query-compute-apps can leave out.
 */
export const gpuBytesInProcessTable = (text: string, pid: number): O.Option<number> => {
  const mine = text.split(/\r?\n/).flatMap((line) => {
    const row = processRow.exec(line.trim());
    return row !== null && Number(row[1]) === pid ? [Number(row[2])] : [];
  });
  return mine.length === 0 ? O.none : O.some(mine.reduce((a, b) => a + b, 0) * 2 ** 20);
};
