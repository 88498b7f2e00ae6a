// Every module of the platform, in start order. A module is entered through its index.
import type { Module } from './core/context.js';
import { authModule } from './core/auth/index.js';
import { calendarModule } from './core/calendar/index.js';
import { placesModule } from './modules/places/index.js';
import { sensingModule } from './modules/sensing/index.js';

export const modules: Module[] = [authModule, calendarModule, placesModule, sensingModule];
