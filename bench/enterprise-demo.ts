// Time to load the demo data set into a fresh embedded database with the enterprise
// centre's part (catalogue, 1,200 enterprises, months of requests, visits, events)
// against the same load without it, measured in the same run.
import { openDatabase, migrateDatabase } from '../src/core/db/index.js';
import { loadDemo } from '../demo/load.js';
import { demoExtensions } from '../demo/extensions.js';
import { enterpriseDemo } from '../demo/enterprise/load.js';
import { round } from './lib.js';

async function timeLoad(withEnterprise: boolean): Promise<number> {
  const saved = demoExtensions.splice(0);
  demoExtensions.push(...saved.filter((e) => e !== enterpriseDemo || withEnterprise));
  const db = await openDatabase({});
  try {
    await migrateDatabase(db);
    const t = performance.now();
    await loadDemo(db);
    return performance.now() - t;
  } finally {
    await db.close();
    demoExtensions.splice(0, demoExtensions.length, ...saved);
  }
}

export default async function enterpriseDemoLoad() {
  await timeLoad(false); // warm-up (WASM start, module loading)
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const without: number[] = [];
  const withEnt: number[] = [];
  for (let i = 0; i < runs; i++) {
    without.push(await timeLoad(false));
    withEnt.push(await timeLoad(true));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = median(without);
  const full = median(withEnt);
  return { baseline_ms: Math.round(base), with_enterprise_ms: Math.round(full), enterprise_ms: Math.round(full - base), ratio: round(full / base), runs };
}
