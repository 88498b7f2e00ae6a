export { notifyModule } from './module.js';
export { registerNotifyRenderer, render, markdown, shanghai, type Message } from './render.js';
export { buildRequest, send, CHANNEL_KINDS, type ChannelKind } from './channels.js';
export { enqueue, sendDue, backoffMs, MAX_ATTEMPTS, matches } from './deliver.js';
export { notifyChannels, notifyDeliveries } from './schema.js';
