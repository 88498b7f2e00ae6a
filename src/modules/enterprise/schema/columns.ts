import { bigint, timestamp } from 'drizzle-orm/pg-core';

export const ref = (name: string) => bigint(name, { mode: 'number' });
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
