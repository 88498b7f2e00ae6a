import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { namingClient, StatementNames } from './namedStatements.js';

describe('statement names', () => {
  it('names a text once it repeats, keeps the name, and stops naming new texts at the cap', () => {
    const names = new StatementNames({ after: 2, max: 2, track: 100 });
    expect(names.nameFor('select $1')).toBeUndefined();
    const a = names.nameFor('select $1');
    expect(a).toMatch(/^jd_/);
    expect(names.nameFor('select $1')).toBe(a);
    names.nameFor('select $1 + 1');
    const b = names.nameFor('select $1 + 1');
    expect(b).not.toBe(a);
    names.nameFor('select $1 + 2');
    expect(names.nameFor('select $1 + 2')).toBeUndefined();
    expect(names.size).toBe(2);
    // named ones keep their names after the cap
    expect(names.nameFor('select $1')).toBe(a);
  });

  it('forgets counts beyond what it tracks, so one-off texts cannot grow it without end', () => {
    const names = new StatementNames({ after: 2, max: 10, track: 3 });
    for (let i = 0; i < 1000; i++) names.nameFor(`select ${i}, $1`);
    expect(names.size).toBe(0);
  });
});

// On a real server: the statements are prepared on the connection, the results are the
// same, and scripts without parameters (several statements in one text) still run.
describe.skipIf(!process.env.DATABASE_URL)('named statements on PostgreSQL', () => {
  it('prepares repeated parameterised queries once per connection and answers them as before', async () => {
    const Client = namingClient(new StatementNames({ after: 2, max: 50, track: 100 }));
    const c = new Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      const tag = randomBytes(4).toString('hex');
      const text = `select $1::int * 2 as doubled, '${tag}' as tag`;
      for (let i = 1; i <= 8; i++) expect((await c.query(text, [i])).rows).toEqual([{ doubled: i * 2, tag }]);
      const prepared = await c.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where statement = $1`, [text]);
      expect(prepared.rows[0]!.n).toBe(1);
      // a script of several statements keeps the simple protocol
      const script = (await c.query(`select 1 as a; select 2 as b`)) as unknown as pg.QueryResult[];
      expect(script.map((r) => r.rows[0])).toEqual([{ a: 1 }, { b: 2 }]);
      // a failing named statement leaves the connection usable
      const bad = `select 1 / $1::int as x`;
      for (let i = 0; i < 3; i++) await expect(c.query(bad, [0])).rejects.toThrow(/division by zero/);
      expect((await c.query(bad, [1])).rows).toEqual([{ x: 1 }]);
    } finally {
      await c.end();
    }
  });
});
