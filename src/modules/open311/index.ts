// The Open311 GeoReport v2 interface (with mySociety's servicerequestupdates extension)
// at /open311/v2/, a facade over the case engine: the ONLY entry other code uses.
// Clients post with an API key granted `open311.report`; `jurisdiction_id` is the tenant.
export { open311Module } from './module.js';
export { REPORT_GRANT } from './policies.js';
export { open311Requests } from './schema.js';
