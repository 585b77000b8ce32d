import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { lineProgress } from './download-progress.ts';
import type { DownloadProgress } from './download-progress.ts';
import { errnoCode, errorMessage } from './error-message.ts';
import { failWhenIdle, httpGet } from './http-get.ts';

export const OFFICIAL_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
export const OFFICIAL_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';

export interface DownloadOptions {
  /** Expected MD5 of the file; defaults to the official one for the official URL, else unchecked. */
  readonly md5?: string;
  readonly timeoutMs?: number;
  readonly progress?: DownloadProgress;
  readonly log?: (line: string) => void;
  /** Aborting stops the transfer; the partial file stays for a later resume. */
  readonly signal?: AbortSignal;
}

/** A failure whose message is already the one line the user sees. */
export class DownloadProblem extends Error {}

const LOCAL = 'pass a local --source instead: the folder of CIFAR-10 .bin files or cifar-10-binary.tar.gz';

const sizeOf = (path: string): Promise<number> => stat(path).then((s) => s.size, () => -1);

const md5Of = async (path: string): Promise<string> => {
  const hash = createHash('md5');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
};

const counting = (progress: DownloadProgress, start: number) => {
  let received = start;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      progress.update(received);
      done(null, chunk);
    },
  });
  return { transform, received: () => received };
};

/** Appends the body to `part` (resume) or rewrites it (the server ignored the range). */
const receive = async (url: string, response: IncomingMessage, part: string, offset: number, options: DownloadOptions) => {
  const status = response.statusCode ?? 0;
  const resumed = status === 206 && (response.headers['content-range'] ?? '').startsWith(`bytes ${offset}-`);
  if (status !== 200 && !resumed) {
    response.resume();
    throw new DownloadProblem(`${url}: the server answered HTTP ${status} ${response.statusMessage ?? ''}; check the URL or ${LOCAL}`);
  }
  const start = resumed ? offset : 0;
  const length = Number(response.headers['content-length'] ?? NaN);
  const total = Number.isFinite(length) ? start + length : undefined;
  const progress = options.progress ?? lineProgress(options.log ?? (() => undefined), basename(part));
  progress.start(total, start);
  const counter = counting(progress, start);
  failWhenIdle(response, options.timeoutMs ?? 10_000);
  const stop = () => response.destroy(new Error('interrupted'));
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    await pipeline(response, counter.transform, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
  } catch (error) {
    throw new DownloadProblem(
      `${url}: the download broke off after ${counter.received()} bytes (${errorMessage(error)}); ` +
        `run the same command again to resume from ${part}, or ${LOCAL}`,
    );
  } finally {
    options.signal?.removeEventListener('abort', stop);
    progress.stop();
  }
  if (total !== undefined && counter.received() !== total) {
    throw new DownloadProblem(`${url}: got ${counter.received()} of ${total} bytes; run the same command again to resume, or ${LOCAL}`);
  }
};

const fetchTo = async (url: string, part: string, options: DownloadOptions): Promise<void> => {
  const offset = Math.max(0, await sizeOf(part));
  try {
    const { response } = await httpGet(new URL(url), offset > 0 ? { range: `bytes=${offset}-` } : {}, options.timeoutMs ?? 10_000);
    if (response.statusCode === 416) {
      // The partial file does not fit the server's file: start over.
      response.resume();
      await rm(part, { force: true });
      return await fetchTo(url, part, options);
    }
    await receive(url, response, part, offset, options);
  } catch (error) {
    if (error instanceof DownloadProblem) throw error;
    throw new DownloadProblem(`${url}: cannot reach the server (${errnoCode(error) ?? errorMessage(error)}); ${LOCAL}`);
  }
};

/**
 * Downloads `url` into `dir` (kept there, so a rerun needs no network), resuming a partial
 * `NAME.part` with a Range request, and checks the MD5 where one is known. Resolves with the path.
 */
export const download = async (url: string, dir: string, options: DownloadOptions = {}): Promise<string> => {
  const name = basename(new URL(url).pathname) || 'download.tar.gz';
  const path = join(dir, name);
  const part = `${path}.part`;
  const expected = options.md5 ?? (url === OFFICIAL_URL ? OFFICIAL_MD5 : undefined);
  await mkdir(dir, { recursive: true });
  if ((await sizeOf(path)) >= 0 && (expected === undefined || (await md5Of(path)) === expected)) {
    options.log?.(`${url}: using the copy downloaded before, ${path}`);
    return path;
  }
  await rm(path, { force: true });
  await fetchTo(url, part, options).catch(async (error: unknown) => {
    // Keep a partial file to resume from; leave nothing behind when not a byte arrived.
    if ((await sizeOf(part)) <= 0) {
      await rm(part, { force: true });
      await rmdir(dir).catch(() => undefined);
    }
    throw error;
  });
  const actual = expected === undefined ? undefined : await md5Of(part);
  if (actual !== undefined && actual !== expected) {
    await rm(part, { force: true });
    await rmdir(dir).catch(() => undefined);
    throw new DownloadProblem(`${url}: MD5 ${actual} differs from the expected ${expected}; the download was corrupt and is removed, run again or ${LOCAL}`);
  }
  await rename(part, path);
  return path;
};
