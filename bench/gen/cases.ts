// A year of generated cases for the benchmark, made by the database itself
// (generate_series, seeded random), then the KPI roll-up rebuilt from them.
import type { Database } from '../../src/core/db/index.js';

const CHUNK = 100_000;

export async function generateCases(database: Database, n: number): Promise<{ count: number; seconds: number; grids: number[]; departments: number[]; categories: number[] }> {
  const t0 = performance.now();
  const q = database.query.bind(database);
  const tenant = 'shimen2';
  const cats = await q<{ id: number; code: string; name: string; department_id: number | null; default_grade: string }>(`select id, code, name, department_id, default_grade from case_categories where tenant_id = $1 and department_id is not null order by id`, [tenant]);
  const grids = (await q<{ id: number }>(`select id from grids where tenant_id = $1 and kind = 'responsibility' order by id`, [tenant])).map((r) => Number(r.id));
  const units = (await q<{ id: number }>(`select id from grids where tenant_id = $1 and kind = 'unit' order by id`, [tenant])).map((r) => Number(r.id));
  const staff = (await q<{ id: number }>(`select id from users where tenant_id = $1 and 'handler' = any(roles) order by id`, [tenant])).map((r) => Number(r.id));
  await q(`select setseed(0.42)`);
  for (let start = 1; start <= n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK - 1);
    await q(
      `insert into cases (tenant_id, number, source, category_id, category_code, category_name, grade, state, description, address, lng, lat,
         grid_id, unit_grid_id, department_id, assignee_id, reported_at, registered_at, dispatched_at, accepted_at, handled_at, handled_on_time,
         closed_at, cancelled_at, close_type, step, step_started_at, step_due_at, step_warn_at, handle_due_at, returns, reworks, created_by, updated_at)
       select $1, 'B' || lpad(g::text, 8, '0'), (array['sensor','inspector','public','hotline','superior'])[1 + floor(r1 * 5)::int],
         ($2::bigint[])[k], ($3::text[])[k], ($4::text[])[k], ($5::text[])[k], st, '生成的案件 ' || g, '示例路 ' || (g % 800) || ' 号',
         121.4505 + r2 * 0.0112, 31.2308 + r3 * 0.0112,
         ($7::bigint[])[1 + floor(r2 * array_length($7::bigint[], 1))::int], ($8::bigint[])[1 + floor(r3 * array_length($8::bigint[], 1))::int],
         case when st in ('dispatched','accepted','handled','checked','closed') then ($6::bigint[])[k] end,
         case when st in ('dispatched','accepted','handled','checked','closed') then ($9::bigint[])[1 + floor(r5 * array_length($9::bigint[], 1))::int] end,
         rep, case when st <> 'reported' and st <> 'cancelled' then rep + interval '20 minutes' end,
         case when st in ('dispatched','accepted','handled','checked','closed') then rep + interval '30 minutes' end,
         case when st in ('accepted','handled','checked','closed') then rep + interval '40 minutes' end,
         case when st in ('handled','checked','closed') then rep + (interval '1 hour' * (1 + r6 * 6)) end,
         case when st in ('handled','checked','closed') then r6 < 0.85 end,
         case when st = 'closed' then rep + interval '9 hours' end,
         case when st = 'cancelled' then rep + interval '30 minutes' end,
         case when st = 'closed' then case when r6 < 0.85 then 'normal' else 'overdue' end end,
         case st when 'reported' then 'verify' when 'registered' then 'dispatch' when 'dispatched' then 'handle' when 'accepted' then 'handle' when 'handled' then 'check' end,
         case when st in ('reported','registered','dispatched','accepted','handled') then rep end,
         case when st in ('reported','registered','dispatched','accepted','handled') then rep + interval '6 hours' end,
         case when st in ('reported','registered','dispatched','accepted','handled') then rep + interval '5 hours' end,
         case when st in ('dispatched','accepted','handled','checked','closed') then rep + interval '6 hours' end,
         (r5 < 0.04)::int, (r6 > 0.97)::int, 'bench:', rep
       from (
         select g, r1, r2, r3, r5, r6, 1 + floor(r4 * array_length($2::bigint[], 1))::int as k,
           case when r1 < 0.90 then 'closed' when r1 < 0.93 then 'cancelled'
                else (array['reported','registered','dispatched','accepted','handled','checked','suspended'])[1 + floor(r2 * 7)::int] end as st,
           -- open cases are recent; closed ones spread over the year
           now() - case when r1 < 0.93 then interval '365 days' * r3 else interval '3 days' * r3 end as rep
         from (select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6 from generate_series(${start}::int, ${end}::int) g) x
       ) y`,
      [tenant, cats.map((c) => c.id), cats.map((c) => c.code), cats.map((c) => c.name), cats.map((c) => c.default_grade), cats.map((c) => c.department_id), grids, units, staff],
    );
  }
  // the roll-up, as the engine keeps it (see domain/kpi.ts)
  await q(`delete from case_kpi_daily where tenant_id = $1`, [tenant]);
  const dims: [string, string][] = [
    ['tenant', `''`],
    ['grid', `coalesce(grid_id, 0)::text`],
    ['department', `coalesce(department_id, 0)::text`],
    ['category', `category_id::text`],
    ['source', `source`],
    ['grade', `grade`],
  ];
  for (const [dim, key] of dims) {
    await q(
      `insert into case_kpi_daily (tenant_id, dim, key, day, due, handled, handled_on_time, closed, closed_on_time, suspended, dispatched, returned, reworked, handle_ms, urgent_due, urgent_closed_on_time)
       select tenant_id, '${dim}', ${key}, ((registered_at at time zone 'UTC') + interval '8 hours')::date, count(*), count(handled_at),
         count(*) filter (where handled_at is not null and handled_on_time), count(*) filter (where state = 'closed'),
         count(*) filter (where state = 'closed' and close_type = 'normal'), count(*) filter (where state = 'suspended'), count(dispatched_at),
         count(*) filter (where dispatched_at is not null and returns > 0), count(*) filter (where reworks > 0),
         coalesce(sum(extract(epoch from handled_at - dispatched_at) * 1000) filter (where handled_at is not null and dispatched_at is not null), 0)::bigint,
         count(*) filter (where grade = 'urgent'), count(*) filter (where grade = 'urgent' and state = 'closed' and close_type = 'normal')
       from cases where tenant_id = $1 and registered_at is not null and coalesce(close_type, '') <> 'error' group by 1, 2, 3, 4`,
      [tenant],
    );
  }
  // what autovacuum does on a server with its defaults (it is off on the development
  // machine): the rows the bench's create-and-dispatch phase updated leave dead versions
  // that every list walk would otherwise step over
  await q(`vacuum (analyze) cases`);
  await q(`vacuum (analyze) case_kpi_daily`);
  const [{ count }] = (await q<{ count: string }>(`select count(*) as count from cases where tenant_id = $1`, [tenant])) as [{ count: string }];
  return { count: Number(count), seconds: Math.round((performance.now() - t0) / 1000), grids, departments: [...new Set(cats.map((c) => Number(c.department_id)))], categories: cats.map((c) => Number(c.id)) };
}
