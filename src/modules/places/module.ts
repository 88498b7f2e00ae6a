import './policies.js';
import type { Module } from '../../core/context.js';
import { registerMessages } from '../../core/http/i18n.js';
import { PLACES_MESSAGES } from './messages.js';
import { REGISTER_MESSAGES } from './registerMessages.js';
import { GridRegistry } from './gridRegistry.js';
import { gridRoutes } from './routes/grids.js';
import { geojsonRoutes } from './routes/geojson.js';
import { placeRoutes } from './routes/places.js';
import { tenantSettingsRoutes } from './routes/tenantSettings.js';
import { unitRegisterRoutes } from './routes/unitRegister.js';

registerMessages(PLACES_MESSAGES);
registerMessages(REGISTER_MESSAGES);

export const GRID_REGISTRY = 'places.gridRegistry';

export const placesModule: Module = {
  name: 'places',
  async start(ctx) {
    const registry = new GridRegistry(ctx.database);
    registry.attach(ctx.bus);
    await registry.loadAll();
    ctx.services.set(GRID_REGISTRY, registry);
  },
  routes(app, ctx) {
    const registry = ctx.services.get(GRID_REGISTRY) as GridRegistry;
    gridRoutes(app, ctx, registry);
    geojsonRoutes(app, ctx);
    placeRoutes(app, ctx);
    tenantSettingsRoutes(app, ctx);
    unitRegisterRoutes(app, ctx);
  },
};
