export * from './types.js';
export { PolygonIndex, type IndexedArea } from './gridIndex.js';
export { pointInPacked, pack, bbox } from './pointInPolygon.js';
export { validateAreal, areaOutside, GEO_MESSAGES, type GeoIssue } from './validate.js';
export { wgs84ToGcj02, gcj02ToWgs84, metresBetween } from './coords.js';
