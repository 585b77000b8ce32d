import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  readonly url: (path: string) => string;
  /** The Range header of every request, in order ('' when none). */
  readonly ranges: string[];
  readonly close: () => Promise<void>;
}

/** A real HTTP server bound to 127.0.0.1 only, on a free port. */
export const loopbackServer = async (
  handle: (request: IncomingMessage, response: ServerResponse, requestIndex: number) => void,
): Promise<LoopbackServer> => {
  const ranges: string[] = [];
  const server = createServer((request, response) => {
    ranges.push(request.headers.range ?? '');
    handle(request, response, ranges.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    ranges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** Serves `body` honouring `Range: bytes=N-` with a 206, like a static file server. */
export const serveBytes = (body: Uint8Array, request: IncomingMessage, response: ServerResponse): void => {
  const match = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  const start = match ? Number(match[1]) : 0;
  if (start >= body.length && match) {
    response.writeHead(416).end();
    return;
  }
  const headers = { 'content-length': String(body.length - start), 'content-type': 'application/gzip' };
  response.writeHead(match ? 206 : 200, match ? { ...headers, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : headers);
  response.end(Buffer.from(body.buffer, body.byteOffset + start, body.length - start));
};
