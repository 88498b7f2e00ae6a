import './policies.js';
import type { Module } from '../../core/context.js';
import { registerMessages } from '../../core/http/i18n.js';
import { ENTERPRISE_MESSAGES } from './messages.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { enterpriseRoutes } from './routes/enterprises.js';
import { requestRoutes } from './routes/requests.js';
import { requestWorkRoutes } from './routes/requestWork.js';
import { visitRoutes } from './routes/visits.js';
import { eventRoutes } from './routes/events.js';
import { statsRoutes } from './routes/stats.js';
import { streetProblemRoutes } from './routes/streetProblems.js';
import { sweepLimits } from './commands/sweepLimits.js';
import { sweepVisitPlans } from './commands/sweepVisitPlans.js';

registerMessages(ENTERPRISE_MESSAGES);

export const LIMITS_SWEEP = 'enterprise.limits';
export const VISIT_PLAN_SWEEP = 'enterprise.visit_plans';

export const enterpriseModule: Module = {
  name: 'enterprise',
  async start(ctx) {
    ctx.sweeper.every(LIMITS_SWEEP, 30_000, () => sweepLimits(ctx));
    ctx.sweeper.every(VISIT_PLAN_SWEEP, 15 * 60_000, () => sweepVisitPlans(ctx));
  },
  routes(app, ctx) {
    catalogueRoutes(app, ctx);
    enterpriseRoutes(app, ctx);
    statsRoutes(app, ctx);
    requestRoutes(app, ctx);
    requestWorkRoutes(app, ctx);
    visitRoutes(app, ctx);
    eventRoutes(app, ctx);
    streetProblemRoutes(app, ctx);
  },
};
