import './policies.js';
import type { Module } from '../../core/context.js';
import { registerMessages } from '../../core/http/i18n.js';
import { PEOPLE_MESSAGES } from './messages.js';
import { elderlyRoutes } from './routes/elderly.js';
import { visitRoutes } from './routes/visits.js';
import { serviceRoutes } from './routes/services.js';
import { activityRoutes } from './routes/activities.js';
import { volunteerRoutes } from './routes/volunteers.js';
import { meRoutes } from './routes/me.js';
import { raiseOverdueAlerts, refreshPlans } from './commands/sweepVisits.js';

registerMessages(PEOPLE_MESSAGES);

export const peopleModule: Module = {
  name: 'people',
  async start(ctx) {
    // plans move with ages and calendars: refreshed once a day per entry (the claim is by day)
    ctx.sweeper.every('people.plans', 10 * 60_000, () => refreshPlans(ctx));
    ctx.sweeper.every('people.overdue', 60_000, () => raiseOverdueAlerts(ctx));
  },
  routes(app, ctx) {
    elderlyRoutes(app, ctx);
    visitRoutes(app, ctx);
    serviceRoutes(app, ctx);
    activityRoutes(app, ctx);
    volunteerRoutes(app, ctx);
    meRoutes(app, ctx);
  },
};
