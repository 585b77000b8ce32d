import cliProgress from 'cli-progress';

/** Where a download reports how far it is; the CLI picks a bar on a TTY and plain lines otherwise. */
export interface DownloadProgress {
  readonly start: (total: number | undefined, already: number) => void;
  readonly update: (received: number) => void;
  readonly stop: () => void;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** One line per tenth of the download (or per 20 MB when the size is unknown): fit for logs and CI. */
export const lineProgress = (log: (line: string) => void, what: string): DownloadProgress => {
  let total: number | undefined;
  let lastStep = -1;
  return {
    start: (size, already) => {
      total = size;
      log(`${what}: downloading ${size === undefined ? 'unknown size' : mb(size)}${already > 0 ? `, resuming at ${mb(already)}` : ''}`);
    },
    update: (received) => {
      const step = total === undefined || total === 0 ? Math.floor(received / 20e6) : Math.floor((10 * received) / total);
      if (step > lastStep) {
        lastStep = step;
        log(`${what}: ${mb(received)}${total === undefined ? '' : ` of ${mb(total)} (${Math.floor((100 * received) / total)}%)`}`);
      }
    },
    stop: () => undefined,
  };
};

/** A redrawn bar on stderr, for a person watching a terminal. */
export const barProgress = (stream: NodeJS.WritableStream): DownloadProgress => {
  const bar = new cliProgress.SingleBar(
    { stream, format: 'download [{bar}] {percentage}% | {value}/{total} MB | ETA {eta_formatted}', hideCursor: false },
    cliProgress.Presets.shades_classic,
  );
  const toMb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
  return {
    start: (total, already) => bar.start(total === undefined ? 0 : toMb(total), toMb(already)),
    update: (received) => bar.update(toMb(received)),
    stop: () => bar.stop(),
  };
};

/** The bar on a TTY, lines otherwise. */
export const consoleProgress = (log: (line: string) => void, what: string): DownloadProgress =>
  process.stderr.isTTY === true ? barProgress(process.stderr) : lineProgress(log, what);
