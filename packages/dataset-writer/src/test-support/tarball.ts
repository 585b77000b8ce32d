import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';

/** Writes a .tar.gz of `members` (path inside the tarball -> bytes), in the given order. */
export const buildTarball = async (
  path: string,
  members: ReadonlyArray<readonly [string, Uint8Array]>,
  level = 6,
): Promise<void> => {
  const tar = pack();
  const writing = pipeline(tar, createGzip({ level }), createWriteStream(path));
  for (const [name, bytes] of members) {
    await new Promise<void>((resolve, reject) =>
      tar.entry({ name, size: bytes.length }, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }
  tar.finalize();
  await writing;
};

/** The official layout: every file under `cifar-10-batches-bin/`. */
export const officialMembers = (files: Readonly<Record<string, Uint8Array>>): Array<readonly [string, Uint8Array]> =>
  Object.entries(files).map(([name, bytes]) => [`cifar-10-batches-bin/${name}`, bytes] as const);
