export { openDatabase, type Database, type Db, type Tx, type Queryable } from './client.js';
export { migrateDatabase, migrationsFolder } from './migrate.js';
export { tenants } from './schema.js';
export { tenantId, createdAt, updatedAt, id } from './columns.js';
