// The enterprise service centre (企业服务中心, 慈溪路211号): its catalogue (清单), the
// offices errands run through, enterprises and their lifecycle, requests with
// first-contact ownership, hand-overs and steps, monthly building visits (月月进楼),
// events, and street problems reported from requests or visits.
// The tables live in schema/, one file per part of the centre's work.
export * from './schema/catalogue.js';
export * from './schema/enterprises.js';
export * from './schema/requests.js';
export * from './schema/visits.js';
export * from './schema/events.js';
