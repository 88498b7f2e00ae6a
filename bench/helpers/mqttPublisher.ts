// Publishes alarms at QoS 1 for the ingest benchmark, from its own process so the load
// generator does not share the event loop with what it measures. Prints one JSON line
// when every PUBACK is in.
//   args: url topicPrefix tenant devices count rate(0 = as fast as possible) connections idPrefix
import mqtt from 'mqtt';

const [url, prefix, tenant, devicesArg, countArg, rateArg, connArg, idPrefix] = process.argv.slice(2);
const devices = Number(devicesArg);
const count = Number(countArg);
const rate = Number(rateArg);
const conns = Number(connArg);
const WINDOW = 2000;

const clients = await Promise.all(Array.from({ length: conns }, (_, i) => mqtt.connectAsync(url!, { protocolVersion: 4, clientId: `bench-pub-${process.pid}-${i}`, clean: true, reconnectPeriod: 0 })));
let acked = 0;
let inflight = 0;
let waiting: (() => void) | null = null;
const t0 = Date.now();
const send = (i: number) => {
  const c = clients[i % conns]!;
  const topic = `${prefix}/${tenant}/BENCH-${i % devices}/alarm`;
  inflight++;
  c.publish(topic, `{"id":"${idPrefix}${i}","type":"bench","ts":${Date.now()}}`, { qos: 1 }, () => {
    acked++;
    inflight--;
    if (waiting && inflight < WINDOW * conns) {
      const w = waiting;
      waiting = null;
      w();
    }
  });
};

if (rate > 0) {
  // a steady rate, in 10 ms steps, owed by the clock: a timer that fires late on a busy
  // machine (11–12 ms instead of 10) must not lower the rate offered (it did: 1,824 of 2,000)
  let i = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(count, Math.floor(((Date.now() - t0) / 1000) * rate));
      while (i < due) send(i++);
      if (i >= count) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
} else {
  for (let i = 0; i < count; i++) {
    if (inflight >= WINDOW * conns) await new Promise<void>((r) => (waiting = r));
    send(i);
    if (i % 500 === 499) await new Promise((r) => setImmediate(r));
  }
}
while (acked < count) await new Promise((r) => setTimeout(r, 5));
process.stdout.write(JSON.stringify({ sent: count, acked, t0, ms: Date.now() - t0 }) + '\n');
await Promise.all(clients.map((c) => c.endAsync()));
process.exit(0);
