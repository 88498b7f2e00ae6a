// API keys for integrations (Open311 clients, external systems). Shown once at creation
// as "jdk_<prefix>_<secret>"; only the SHA-256 of the secret is kept.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '../db/index.js';
import { apiKeys } from './schema.js';
import type { ApiKeyActor } from './actor.js';
import { sha256 } from './sessions.js';

const KEY_RE = /^jdk_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export async function createApiKey(
  q: Queryable,
  input: { tenantId: string; name: string; grants: string[]; rateLimit?: number | null; createdBy?: number | null },
): Promise<{ id: number; key: string; prefix: string }> {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(32).toString('base64url');
  const [row] = await q
    .insert(apiKeys)
    .values({ tenantId: input.tenantId, name: input.name, prefix, secretHash: sha256(secret), grants: input.grants, rateLimit: input.rateLimit ?? null, createdBy: input.createdBy ?? null })
    .returning({ id: apiKeys.id });
  return { id: row!.id, key: `jdk_${prefix}_${secret}`, prefix };
}

interface CachedKey {
  actor: ApiKeyActor | null;
  hash: string;
  rateLimit: number | null;
  at: number;
}

export class ApiKeyStore {
  private cache = new Map<string, CachedKey>();
  constructor(private readonly database: Database) {}

  forget(prefix?: string): void {
    if (prefix) this.cache.delete(prefix);
    else this.cache.clear();
  }

  async resolve(key: string): Promise<{ actor: ApiKeyActor; rateLimit: number | null } | null> {
    const m = KEY_RE.exec(key);
    if (!m) return null;
    const [, prefix, secret] = m as unknown as [string, string, string];
    let entry = this.cache.get(prefix);
    if (!entry || Date.now() - entry.at > 10_000) {
      const [row] = await this.database.db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
      entry = {
        at: Date.now(),
        hash: row?.secretHash ?? '',
        rateLimit: row?.rateLimit ?? null,
        actor: row && !row.revokedAt ? { kind: 'apiKey', keyId: row.id, tenantId: row.tenantId, name: row.name, grants: row.grants } : null,
      };
      this.cache.set(prefix, entry);
    }
    if (!entry.actor) return null;
    const a = Buffer.from(sha256(secret));
    const b = Buffer.from(entry.hash);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    return { actor: entry.actor, rateLimit: entry.rateLimit };
  }
}
