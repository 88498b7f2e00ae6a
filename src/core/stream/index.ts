export { streamModule, STREAM_HUB } from './module.js';
export { StreamHub } from './hub.js';
export { canSee, typeMatcher } from './visibility.js';
