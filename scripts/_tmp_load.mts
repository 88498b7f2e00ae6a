import { openDatabase, migrateDatabase } from '../src/core/db/index.js';
import { loadDemo } from '../demo/load.js';
const t=Date.now(); const db = await openDatabase({}); await migrateDatabase(db); const t1=Date.now(); await loadDemo(db); console.log('migrate', t1-t, 'load', Date.now()-t1); await db.close();
