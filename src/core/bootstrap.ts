// First start without demo data (a real deployment): create the subdistrict named by the
// settings and its first administrator. Boundaries, grids and departments are then
// imported through the API (GeoJSON) by that administrator.
import type { Database } from './db/index.js';
import { tenants } from './db/schema.js';
import { users, hashPassword } from './auth/index.js';
import { ConfigError, type Config } from '../config.js';
import { PASSWORD_RULE } from './auth/passwords.js';

export async function bootstrapTenant(database: Database, config: Config): Promise<void> {
  const b = config.bootstrap;
  if (!b.adminPassword) throw new ConfigError('ADMIN_PASSWORD', 'is required on the first start without demo data (DEMO=false), to create the first administrator');
  if (b.adminPassword.length < PASSWORD_RULE.minLength) throw new ConfigError('ADMIN_PASSWORD', `must be at least ${PASSWORD_RULE.minLength} characters`);
  const passwordHash = await hashPassword(b.adminPassword);
  await database.db.transaction(async (tx) => {
    await tx.insert(tenants).values({ id: config.tenant, name: b.tenantName, nameEn: b.tenantNameEn, district: b.district, city: b.city, settings: {} });
    await tx.insert(users).values({ tenantId: config.tenant, username: b.adminUser, displayName: '系统管理员', passwordHash, roles: ['admin'] });
  });
}
