// Device secrets and request signatures. A device's secret is derived, not stored:
// HMAC(tenant key, code/version), where the tenant key comes from DEVICE_KEY_SECRET (or a
// random per-tenant key kept in the database in development). Rotation bumps the version.
// See ADR 0402.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const tenantKeyFromMaster = (master: string, tenantId: string) => createHmac('sha256', master).update(`jiedao/device-keys/${tenantId}`).digest();

export const deviceSecret = (tenantKey: Buffer, code: string, version: number) => createHmac('sha256', tenantKey).update(`${code}/${version}`).digest('base64url');

/** The HTTP ingest signature: hex HMAC-SHA256 over "<timestamp>.<raw body>". */
export const signBody = (secret: string, timestamp: string, body: Buffer | string) => createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Replay window: a signed request older or newer than this is refused. */
export const REPLAY_WINDOW_S = 300;
