// Every module of the platform, in start order. A module is entered through its index.
import type { Module } from './core/context.js';
import { authModule } from './core/auth/index.js';
import { calendarModule } from './core/calendar/index.js';
import { streamModule } from './core/stream/index.js';
import { notifyModule } from './core/notify/index.js';
import { idempotencyModule } from './core/idempotency/index.js';
import { rateLimitModule } from './core/ratelimit/index.js';
import { placesModule } from './modules/places/index.js';
import { casesModule } from './modules/cases/index.js';
import { enterpriseModule } from './modules/enterprise/index.js';
import { communityModule } from './modules/community/index.js';
import { peopleModule } from './modules/people/index.js';
import { sensingModule } from './modules/sensing/index.js';
import { open311Module } from './modules/open311/index.js';
import { fieldModule } from './modules/field/index.js';
import { flowsModule } from './flows/index.js';

export const modules: Module[] = [authModule, calendarModule, streamModule, notifyModule, idempotencyModule, rateLimitModule, placesModule, casesModule, enterpriseModule, communityModule, peopleModule, sensingModule, open311Module, fieldModule, flowsModule];
