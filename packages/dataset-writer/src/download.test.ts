import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRepository } from './repository.ts';
import { smallSource, tempFolder, writeBatchFiles } from './test-support/fixtures.ts';
import { loopbackServer, serveBytes } from './test-support/loopback-server.ts';
import type { LoopbackServer } from './test-support/loopback-server.ts';
import { buildTarball, officialMembers } from './test-support/tarball.ts';
import { writeRepository } from './write-repository.ts';
import { testSeed } from '@resnet-cifar/test-support';

// The URL source against a real HTTP server on 127.0.0.1 (never any other address).
let work: Awaited<ReturnType<typeof tempFolder>>;
let tarball: Uint8Array;
let md5: string;
let server: LoopbackServer | undefined;

beforeEach(async () => {
  work = await tempFolder();
  const path = join(work.dir, 'served.tar.gz');
  await buildTarball(path, officialMembers(smallSource(testSeed('download'))));
  tarball = new Uint8Array(await readFile(path));
  md5 = createHash('md5').update(tarball).digest('hex');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await work.cleanup();
});

const out = () => join(work.dir, 'repo');
const fromUrl = (url: string, expectedMd5 = md5, timeoutMs = 2_000) =>
  writeRepository(url, out(), { download: { md5: expectedMd5, timeoutMs, log: () => undefined } })();

describe('URL source', () => {
  it('downloads, checks the MD5 and gives the same repository as the tarball on disk', async () => {
    server = await loopbackServer((request, response) => serveBytes(tarball, request, response));
    const downloaded = await fromUrl(server.url('/cifar-10-binary.tar.gz'));
    const local = await writeRepository(join(work.dir, 'served.tar.gz'), join(work.dir, 'local'))();
    if (downloaded._tag === 'Left' || local._tag === 'Left') throw new Error('write failed');
    expect(downloaded.right.manifest.sourceChecksum).toBe(local.right.manifest.sourceChecksum);
    expect(downloaded.right.manifest.splits).toEqual(local.right.manifest.splits);
    expect((await openRepository(out())())._tag).toBe('Right');
    // The tarball is kept beside the repository: a rebuild needs no network.
    const url = server.url('/cifar-10-binary.tar.gz');
    await server.close();
    server = undefined;
    const lines: string[] = [];
    const offline = await writeRepository(url, out(), { force: true, download: { md5, log: (line) => lines.push(line) } })();
    expect(offline._tag).toBe('Right');
    expect(lines).toEqual([expect.stringMatching(/using the copy downloaded before, .*\.repo\.download\/cifar-10-binary\.tar\.gz$/)]);
  });

  it('resumes a download that stalled halfway with a Range request for the rest', async () => {
    const half = tarball.length >> 1;
    server = await loopbackServer((request, response, index) => {
      if (index > 0) return serveBytes(tarball, request, response);
      // Half the body, then silence: the client's idle timeout ends the transfer.
      response.writeHead(200, { 'content-length': String(tarball.length) });
      response.write(Buffer.from(tarball.subarray(0, half)));
    });
    const url = server.url('/cifar-10-binary.tar.gz');
    const first = await fromUrl(url, md5, 300);
    expect(first).toEqual({ _tag: 'Left', left: expect.stringMatching(new RegExp(`the download broke off after ${half} bytes .*run the same command again to resume`)) });
    const second = await fromUrl(url);
    expect(second._tag).toBe('Right');
    expect(server.ranges).toEqual(['', `bytes=${half}-`]);
  });

  it('restarts from zero when the server ignores the Range header', async () => {
    server = await loopbackServer((_request, response) => {
      response.writeHead(200, { 'content-length': String(tarball.length) });
      response.end(Buffer.from(tarball));
    });
    const downloadDir = join(work.dir, '.repo.download');
    await fromUrl(server.url('/x.tar.gz')).then(() => undefined);
    await writeFile(join(work.dir, 'repo', 'manifest.json'), '{}'); // damage it: forces a rebuild
    await writeFile(join(downloadDir, 'y.tar.gz.part'), tarball.subarray(0, 1000));
    const result = await fromUrl(server.url('/y.tar.gz'));
    expect(result._tag).toBe('Right');
    expect(server.ranges.at(-1)).toBe('bytes=1000-');
    expect(await readFile(join(downloadDir, 'y.tar.gz'))).toEqual(Buffer.from(tarball));
  });

  it('refuses and removes a download whose MD5 differs', async () => {
    server = await loopbackServer((request, response) => serveBytes(tarball, request, response));
    const result = await fromUrl(server.url('/c.tar.gz'), '0'.repeat(32));
    expect(result).toEqual({ _tag: 'Left', left: expect.stringMatching(/c\.tar\.gz: MD5 [0-9a-f]{32} differs from the expected 0{32}; the download was corrupt/) });
    expect(await readdir(work.dir)).toEqual(['served.tar.gz']);
  });

  it('fails within seconds when nothing listens, saying to pass a local source, and leaves nothing', async () => {
    server = await loopbackServer(() => undefined);
    const url = server.url('/cifar-10-binary.tar.gz');
    await server.close();
    server = undefined;
    const started = Date.now();
    const result = await fromUrl(url);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toEqual({ _tag: 'Left', left: expect.stringMatching(/cannot reach the server \(ECONNREFUSED\); pass a local --source instead: the folder of CIFAR-10 \.bin files or cifar-10-binary\.tar\.gz/) });
    expect(await readdir(work.dir)).toEqual(['served.tar.gz']);
  });

  it('fails within seconds when the server accepts but never answers', async () => {
    server = await loopbackServer(() => undefined);
    const started = Date.now();
    const result = await fromUrl(server.url('/stall.tar.gz'), md5, 500);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toEqual({ _tag: 'Left', left: expect.stringMatching(/cannot reach the server \(ETIMEDOUT\); pass a local --source/) });
  });

  it('names the HTTP status of a missing file', async () => {
    server = await loopbackServer((_request, response) => response.writeHead(404).end());
    expect(await fromUrl(server.url('/nope.tar.gz'))).toEqual({ _tag: 'Left', left: expect.stringMatching(/nope\.tar\.gz: the server answered HTTP 404 Not Found; check the URL/) });
  });
});
