// The phone's task list asks how long each of my open cases has left on its running step.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { CALENDAR_SERVICE, type CalendarService } from '../../../core/calendar/index.js';
import { listCases } from '../../cases/index.js';
import { timeLeftMs } from '../domain/timeLeft.js';

const OPEN = ['verifying', 'dispatched', 'accepted', 'handled'] as const;

export function deadlineRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/field/deadlines',
    {
      config: { policy: 'staff.position' },
      schema: {
        tags: ['field'],
        summary: 'Time left on the running step of each of my open tasks (office time on the working calendar, or clock time for limits that run on the clock)',
        response: {
          200: Type.Object({
            now: Type.String(),
            items: Type.Array(Type.Object({ id: Type.Integer(), step: Type.Union([Type.String(), Type.Null()]), dueAt: Type.String(), leftMs: Type.Number({ description: 'negative when overdue' }), onClock: Type.Boolean() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = request.actor;
      const now = ctx.clock.now();
      const cal = await (ctx.services.get(CALENDAR_SERVICE) as CalendarService).forTenant(actor.tenantId);
      const page = await listCases(ctx.db, actor, { mine: true, state: [...OPEN] }, now, 200);
      const items = page.rows.flatMap(({ row }) => (row.stepDueAt ? [{ id: row.id, step: row.step, dueAt: row.stepDueAt.toISOString(), leftMs: timeLeftMs(cal, now, row.stepDueAt, row.stepClock), onClock: row.stepClock }] : []));
      return { now: now.toISOString(), items };
    },
  );
}
