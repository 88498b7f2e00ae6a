// The soak's HTTP load generator shares the machine with the nodes it measures: a plain
// keep-alive http.request costs a fraction of fetch()'s CPU per request, which is left to
// the nodes instead.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

/** One request; resolves with the status once the whole body has been read. */
export function request(url: string, opts: { method?: string; headers: Record<string, string>; body?: string; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = opts.body === undefined ? opts.headers : { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) };
    const req = http.request(url, { method: opts.method ?? 'GET', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer in ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(opts.body);
  });
}
