// The broker's own QoS 1 pass-through for the ingest benchmark: a plain subscriber that
// acknowledges at once. Prints "ready", then one JSON line when `count` messages are in.
//   args: url topicFilter count
import mqtt from 'mqtt';

const [url, filter, countArg] = process.argv.slice(2);
const count = Number(countArg);
const c = await mqtt.connectAsync(url!, { protocolVersion: 5, clientId: `bench-sub-${process.pid}`, clean: true, properties: { receiveMaximum: 65535 } });
let got = 0;
let first = 0;
c.on('message', () => {
  if (got === 0) first = Date.now();
  got++;
  if (got === count) {
    process.stdout.write(JSON.stringify({ got, first, last: Date.now() }) + '\n');
    void c.endAsync().then(() => process.exit(0));
  }
});
await c.subscribeAsync(filter!, { qos: 1 });
process.stdout.write('ready\n');
