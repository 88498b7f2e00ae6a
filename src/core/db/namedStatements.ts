// Named statements for node-postgres. PostgreSQL parses, analyses and plans an unnamed
// statement on every execution; under the soak that was a third of the server's CPU
// (ADR 1004). A named statement is parsed once per connection and, after five runs,
// may reuse a generic plan. Drizzle sends the same text for the same query, so naming
// repeated texts is enough; texts that vary (multi-row inserts, IN lists of every
// length) are not repeated and stay unnamed, and a cap keeps the server's per-connection
// plan caches bounded whatever the application does.
import pg from 'pg';

export interface NamingPolicy {
  /** a text is named once it has been seen this many times in this process */
  after: number;
  /** at most this many texts are ever named */
  max: number;
  /** texts counted but not yet named are forgotten beyond this many */
  track: number;
}

export const DEFAULT_NAMING: NamingPolicy = { after: 3, max: 400, track: 5_000 };

/** Decides, per query text, whether it runs as a named statement, and its name. */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private counts = new Map<string, number>();

  constructor(private readonly policy: NamingPolicy = DEFAULT_NAMING) {}

  get size(): number {
    return this.names.size;
  }

  nameFor(text: string): string | undefined {
    const named = this.names.get(text);
    if (named !== undefined || this.names.size >= this.policy.max) return named;
    const n = (this.counts.get(text) ?? 0) + 1;
    if (n < this.policy.after) {
      if (this.counts.size >= this.policy.track) this.counts = new Map();
      this.counts.set(text, n);
      return undefined;
    }
    this.counts.delete(text);
    const name = `jd_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown; queryMode?: unknown };

/** A pg.Client class that runs repeated parameterised texts as named statements.
 * Statements without parameters keep the simple protocol (it allows several statements
 * in one text, as migrations and scripts send). */
export function namingClient(names: StatementNames): typeof pg.Client {
  class NamingClient extends pg.Client {}
  const plainQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  Object.defineProperty(NamingClient.prototype, 'query', {
    value: function query(this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
      if (typeof config === 'string') config = { text: config };
      if (config && typeof config === 'object' && typeof (config as { submit?: unknown }).submit !== 'function') {
        const c = config as QueryConfig;
        const params = Array.isArray(values) ? values : c.values;
        if (typeof c.text === 'string' && c.name === undefined && Array.isArray(params) && params.length > 0) {
          const name = names.nameFor(c.text);
          if (name) config = { ...c, name };
        }
      }
      return plainQuery.call(this, config, values, callback);
    },
  });
  return NamingClient as unknown as typeof pg.Client;
}
