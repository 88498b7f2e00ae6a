import './policies.js';
import type { Module } from '../../core/context.js';
import { registerMessages } from '../../core/http/i18n.js';
import { COMMUNITY_MESSAGES } from './messages.js';
import { consultationRoutes } from './routes/consultations.js';
import { mineRoutes } from './routes/mine.js';
import { publicRoutes } from './routes/public.js';
import { liveRoutes } from './routes/live.js';
import { planRoutes } from './routes/plans.js';
import { conventionRoutes } from './routes/conventions.js';
import { projectRoutes } from './routes/projects.js';
import { committeeRoutes } from './routes/committees.js';
import { closeDueConsultations } from './commands/closeConsultation.js';

registerMessages(COMMUNITY_MESSAGES);

export const communityModule: Module = {
  name: 'community',
  async start(ctx) {
    // votes close at their deadline even when nobody presses the button
    ctx.sweeper.every('community.close_due', 60_000, () => closeDueConsultations(ctx));
  },
  async routes(app, ctx) {
    consultationRoutes(app, ctx);
    mineRoutes(app, ctx);
    publicRoutes(app, ctx);
    liveRoutes(app, ctx);
    planRoutes(app, ctx);
    conventionRoutes(app, ctx);
    committeeRoutes(app, ctx);
    await projectRoutes(app, ctx);
  },
};
