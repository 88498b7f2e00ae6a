// Field staff on a phone (issue 5): what the phone pages need beyond the case API.
import type { Module } from '../../core/context.js';
import { deadlineRoutes } from './routes/deadlines.js';

export const fieldModule: Module = {
  name: 'field',
  routes(app, ctx) {
    deadlineRoutes(app, ctx);
  },
};
