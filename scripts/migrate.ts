// npm run migrate: apply the migrations to DATABASE_URL, or to the embedded database.
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase, migrateDatabase } from '../src/core/db/index.js';
import { redact } from '../src/core/mqtt/index.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite') });
await migrateDatabase(database);
await database.close();
console.log(`migrations applied to ${config.databaseUrl ? redact(config.databaseUrl) : path.join(config.dataDir, 'pglite')}`);
