// The phone's "time left" per task: office time on the working calendar across lunch and
// the night, clock time for urgent cases; only my open tasks; only field staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { HOT } from '../cases/testkit.js';

let tp: TestPlatform;
let t = new Date('2026-12-01T10:00:00+08:00'); // Tuesday
beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
});
afterAll(async () => tp?.close());

const userId = async (u: string) => (await tp.platform.ctx.database.query<{ id: number }>(`select id from users where username = $1`, [u]))[0]!.id;

describe('GET /api/v1/field/deadlines', () => {
  it('gives the handler the office time left on each open task, and the clock time on urgent ones', async () => {
    const leader = await tp.as('leader');
    const dispatcher = await tp.as('dispatcher');
    const handlerId = await userId('handler');
    const mk = async (grade?: string) => {
      const c = (await leader.post('/api/v1/cases', { source: 'hotline', categoryCode: '06036', description: '店门口堆放纸箱杂物', location: HOT, register: true, ...(grade ? { grade } : {}) })).json().case;
      const d = await dispatcher.post(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch', assigneeId: handlerId });
      expect(d.statusCode, d.body).toBe(200);
      return d.json() as { id: number; stepDueAt: string };
    };
    const normal = await mk();
    const urgent = await mk('urgent');
    t = new Date('2026-12-01T11:30:00+08:00');
    const res = await (await tp.as('handler')).get('/api/v1/field/deadlines');
    expect(res.statusCode, res.body).toBe(200);
    const by = new Map((res.json().items as { id: number; leftMs: number; onClock: boolean; dueAt: string }[]).map((i) => [i.id, i]));
    const n = by.get(normal.id)!;
    const u = by.get(urgent.id)!;
    expect(n.dueAt).toBe(normal.stepDueAt);
    expect(u.onClock).toBe(true);
    expect(u.leftMs).toBe(Date.parse(urgent.stepDueAt) - t.getTime());
    // 乱堆物堆料: one working day, counted in office time — the lunch hour and the night
    // between now and the deadline do not count
    expect(n.onClock).toBe(false);
    const wall = Date.parse(n.dueAt) - t.getTime();
    expect(n.leftMs).toBeGreaterThan(0);
    expect(n.leftMs).toBeLessThanOrEqual(wall - 16 * 3600_000);
    // overdue: negative
    t = new Date(Date.parse(urgent.stepDueAt) + 10 * 60_000);
    const later = (await (await tp.as('handler')).get('/api/v1/field/deadlines')).json().items as { id: number; leftMs: number }[];
    expect(later.find((i) => i.id === urgent.id)!.leftMs).toBe(-10 * 60_000);
  });

  it('is for field staff only', async () => {
    expect((await (await tp.as('acceptor')).get('/api/v1/field/deadlines')).statusCode).toBe(403);
    expect((await tp.request({ method: 'GET', url: '/api/v1/field/deadlines' })).statusCode).toBe(401);
  });
});
