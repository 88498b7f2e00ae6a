// Prints test/security/routeTable.ts from the running route list: every route under /api
// and /open311 with its policy. Review the diff before committing it: a new route needs
// an expectation in the security matrix (test/security/sensitive.ts) if it is sensitive.
//   npx tsx scripts/security-routes.ts > test/security/routeTable.ts
import { startPlatform } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/core/db/index.js';

const database = await openDatabase({});
const p = await startPlatform(loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: '/nonexistent', SIMULATOR: 'false' }), { database, skipDemo: true, noMqtt: true, sweeps: false });
const routes = p.ctx.services.get('http.routes') as { method: string; url: string; policy?: string; public?: boolean }[];
const lines = routes.filter((r) => r.method !== 'HEAD' && /^\/(api|open311)\//.test(r.url)).map((r) => `  '${r.method} ${r.url}': '${r.public ? 'public' : r.policy}',`);
console.log(`// Every route of the API and its policy, as reviewed. The matrix test fails when a route
// appears, disappears or changes policy without this table being updated on purpose:
// regenerate with \`npx tsx scripts/security-routes.ts > test/security/routeTable.ts\` and review the diff.
export const ROUTE_TABLE: Record<string, string> = {
${lines.join('\n')}
};`);
await p.close();
await database.close();
