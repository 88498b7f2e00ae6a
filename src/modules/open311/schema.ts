// What the Open311 facade keeps of its own: one row per service request posted through
// it — the token the client follows until the request has its public number, the client
// (API key) that posted it, a fingerprint so a client's retry of the same report finds
// the first one, and the request's own identifiers the case does not hold.
import { bigint, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from '../../core/db/columns.js';

export const open311Requests = pgTable(
  'open311_requests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    token: text('token').notNull(),
    /** the API key of the client that posted it */
    keyId: bigint('key_id', { mode: 'number' }).notNull(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    /** SHA-256 of the request's parameters and photos (a retry posts the same) */
    fingerprint: text('fingerprint').notNull(),
    accountId: text('account_id'),
    deviceId: text('device_id'),
    addressId: text('address_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('open311_requests_token_uq').on(t.token), uniqueIndex('open311_requests_fingerprint_uq').on(t.tenantId, t.keyId, t.fingerprint), index('open311_requests_case_idx').on(t.caseId)],
);
