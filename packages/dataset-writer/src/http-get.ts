import http from 'node:http';
import https from 'node:https';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const timeoutError = (what: string, ms: number): Error =>
  Object.assign(new Error(`${what} within ${ms} ms`), { code: 'ETIMEDOUT' });

const requestOnce = (url: URL, headers: http.OutgoingHttpHeaders, timeoutMs: number): Promise<http.IncomingMessage> =>
  new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const request = get(url, { headers });
    // Without a network the lookup or connect fails at once; a black-holed host must fail fast too.
    const timer = setTimeout(() => request.destroy(timeoutError('no response', timeoutMs)), timeoutMs);
    request.on('response', (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

/**
 * GET `url` following up to five redirects; resolves with the final response's headers, the
 * body still unread. Rejects with the socket's error (ENOTFOUND, ECONNREFUSED, ETIMEDOUT, ...).
 */
export const httpGet = async (
  url: URL,
  headers: http.OutgoingHttpHeaders,
  timeoutMs: number,
  redirectsLeft = 5,
): Promise<{ readonly url: URL; readonly response: http.IncomingMessage }> => {
  const response = await requestOnce(url, headers, timeoutMs);
  const location = response.headers.location;
  if (REDIRECTS.has(response.statusCode ?? 0) && location !== undefined && redirectsLeft > 0) {
    response.resume();
    return httpGet(new URL(location, url), headers, timeoutMs, redirectsLeft - 1);
  }
  return { url, response };
};

/** Destroys the response when no byte arrives for `ms`, so a stalled transfer ends with an error. */
export const failWhenIdle = (response: http.IncomingMessage, ms: number): void => {
  response.setTimeout(ms, () => response.destroy(timeoutError('no data', ms)));
};
