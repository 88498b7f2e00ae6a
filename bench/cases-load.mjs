// Load generator for bench/cases.ts, run as a separate process so it does not share the
// server's event loop: POSTs case reports with varied places and categories.
// argv: url seconds connections headersJson bodiesJsonFile [form]
// ("form": bodies go form-encoded, as Open311 clients post them)
import fs from 'node:fs';
import autocannon from 'autocannon';

const [url, seconds, connections, headersJson, bodiesFile, encoding] = process.argv.slice(2);
const form = encoding === 'form';
const bodies = JSON.parse(fs.readFileSync(bodiesFile, 'utf8'));
let i = 0;
const result = await autocannon({
  url,
  duration: Number(seconds),
  connections: Number(connections),
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded; charset=utf-8' : 'application/json', ...JSON.parse(headersJson) },
      setupRequest(req) {
        const b = bodies[i++ % bodies.length];
        req.body = form ? new URLSearchParams(b).toString() : JSON.stringify(b);
        return req;
      },
    },
  ],
});
process.stdout.write(JSON.stringify({ rps: Math.round(result.requests.average), total: result.requests.total, p99_ms: result.latency.p99, errors: result.errors + result.non2xx, non2xx: result.non2xx }));
