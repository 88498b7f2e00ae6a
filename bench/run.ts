// npm run bench [-- name ...]: runs bench/<name>.ts (all when no name is given); each
// prints one JSON line of figures, with a baseline measured in the same run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const all = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}\n`);
  process.exit(2);
}
// the soak is long and runs only when asked for by name
for (const name of wanted.length ? wanted : all.filter((n) => n !== 'soak')) {
  const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as { default: () => Promise<Record<string, unknown>> };
  const result = await mod.default();
  process.stdout.write(JSON.stringify({ bench: name, ...result }) + '\n');
}
process.exit(0);
