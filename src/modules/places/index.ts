// The places module: the only entry other modules and flows may use.
export { placesModule, GRID_REGISTRY } from './module.js';
export { GridRegistry, type GridRef, type Located } from './gridRegistry.js';
export { departments, residentialAreas, buildings, units, owners, unitOwners, shops, roads, grids } from './schema.js';
export { exportLayer } from './routes/geojson.js';
