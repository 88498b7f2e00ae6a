import './policies.js';
import type { Module } from '../../core/context.js';
import { registerMessages } from '../../core/http/i18n.js';
import { CASES_MESSAGES } from './messages.js';
import { registerNotifyRenderer } from '../../core/notify/index.js';
import { caseMessage } from './notifyText.js';
import { CaseConfig } from './services/config.js';
import { StaffLocator } from './services/staff.js';
import { AreaLocator } from './services/areas.js';
import { DepartmentNames } from './services/departments.js';
import { CASES_ENGINE, calendarsOf, gridsOf, type Engine } from './services/engine.js';
import { sweepAccept, sweepSla } from './commands/sweeps.js';
import { caseRoutes } from './routes/cases.js';
import { reportRoutes } from './routes/reports.js';
import { districtRoutes } from './routes/district.js';
import { configRoutes } from './routes/config.js';
import { staffRoutes } from './routes/staff.js';

registerMessages(CASES_MESSAGES);
registerNotifyRenderer('case.', caseMessage);

/** How often the timers look for due work. */
export const SWEEP_MS = { sla: 15_000, accept: 10_000 };

export const casesModule: Module = {
  name: 'cases',
  async start(ctx) {
    const engine: Engine = {
      config: new CaseConfig(ctx.database),
      staff: new StaffLocator(ctx.database),
      areas: new AreaLocator(ctx.database),
      grids: gridsOf(ctx),
      calendars: calendarsOf(ctx),
      departments: new DepartmentNames(ctx.database),
    };
    engine.config.attach(ctx.bus);
    engine.staff.attach(ctx.bus);
    engine.areas.attach(ctx.bus);
    ctx.services.set(CASES_ENGINE, engine);
    ctx.sweeper.every('cases.sla', SWEEP_MS.sla, () => sweepSla(ctx));
    ctx.sweeper.every('cases.accept', SWEEP_MS.accept, () => sweepAccept(ctx));
  },
  async routes(app, ctx) {
    await caseRoutes(app, ctx);
    reportRoutes(app, ctx);
    districtRoutes(app, ctx);
    configRoutes(app, ctx);
    staffRoutes(app, ctx);
  },
};
