// Tenant keys from which device secrets are derived. With DEVICE_KEY_SECRET set (required
// in production) nothing secret is in the database; without it (development, tests) a
// random key per tenant is created once and kept in sensing_tenant_keys, so every node
// sharing the database derives the same secrets. ADR 0402.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../core/db/index.js';
import { tenantKeys } from '../schema.js';
import { deviceSecret, tenantKeyFromMaster } from '../domain/signature.js';

export class KeyRing {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly database: Database,
    private readonly master: string | undefined,
  ) {}

  async load(tenantId: string): Promise<Buffer> {
    const hit = this.keys.get(tenantId);
    if (hit) return hit;
    let key: Buffer;
    if (this.master) key = tenantKeyFromMaster(this.master, tenantId);
    else {
      await this.database.db.insert(tenantKeys).values({ tenantId, secret: randomBytes(32).toString('base64url') }).onConflictDoNothing();
      const [row] = await this.database.db.select().from(tenantKeys).where(eq(tenantKeys.tenantId, tenantId));
      key = Buffer.from(row!.secret, 'base64url');
    }
    this.keys.set(tenantId, key);
    return key;
  }

  /** The secret of a device (its MQTT password and HMAC key); the tenant key must be loaded. */
  secret(device: { tenantId: string; code: string; keyVersion: number }): string {
    const key = this.keys.get(device.tenantId);
    if (!key) throw new Error(`tenant key of ${device.tenantId} not loaded`);
    return deviceSecret(key, device.code, device.keyVersion);
  }
}
