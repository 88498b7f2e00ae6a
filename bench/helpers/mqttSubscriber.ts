// The broker's own QoS 1 pass-through for the ingest benchmark: a plain subscriber that
// acknowledges at once. Prints "ready", then one JSON line when `count` messages are in,
// or when none has come for 5 s (a broker drops what a slow subscriber cannot take).
//   args: url topicFilter count
import mqtt from 'mqtt';

const [url, filter, countArg] = process.argv.slice(2);
const count = Number(countArg);
const c = await mqtt.connectAsync(url!, { protocolVersion: 5, clientId: `bench-sub-${process.pid}`, clean: true, properties: { receiveMaximum: 65535 } });
let got = 0;
let first = 0;
let last = 0;
const finish = () => {
  process.stdout.write(JSON.stringify({ got, first, last }) + '\n');
  void c.endAsync().then(() => process.exit(0));
};
c.on('message', () => {
  last = Date.now();
  if (got === 0) first = last;
  got++;
  if (got === count) finish();
});
setInterval(() => {
  if (got > 0 && Date.now() - last > 5000) finish();
}, 500).unref();
await c.subscribeAsync(filter!, { qos: 1 });
process.stdout.write('ready\n');
