// The page's one live-stream connection, shared by every view that listens (wall screen,
// workbench, field pages). It opens with the first listener and closes with the last;
// it reconnects by itself and catches up from the last event id it saw (sse.ts).
// useStream('case.*', fn) in a component listens until the component unmounts.
import { onBeforeUnmount, ref } from 'vue';
import { currentLocale } from '../i18n';
import { SseClient, matchesType, type StreamEvent, type StreamStatus } from './sse';

export type { StreamEvent, StreamStatus };

type Listener = { pattern: string; fn: (e: StreamEvent) => void };

const listeners = new Set<Listener>();
/** connection state for a status badge: live, reconnecting, … */
export const streamStatus = ref<StreamStatus>('idle');
/** the id of the last event received (persisted by screens that resume after a reload) */
export const streamLastId = ref<number | undefined>(undefined);

let client: SseClient | undefined;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

function ensureOpen(): void {
  clearTimeout(closeTimer);
  if (client) return;
  client = new SseClient({
    url: '/api/v1/stream',
    headers: () => ({ 'accept-language': currentLocale() === 'en' ? 'en' : 'zh-CN' }),
    onEvent: (e) => {
      streamLastId.value = e.id;
      for (const l of [...listeners]) if (matchesType(l.pattern, e.type)) l.fn(e);
    },
    onStatus: (s) => (streamStatus.value = s),
  });
  client.start();
}

function closeSoon(): void {
  // a route change unmounts one view and mounts the next: keep the connection across it
  clearTimeout(closeTimer);
  closeTimer = setTimeout(() => {
    if (listeners.size > 0 || !client) return;
    client.stop();
    client = undefined;
  }, 2000);
}

/** Listen to events whose type matches `pattern` ("case.*,sensing.alarm.*"); returns the unsubscribe. */
export function subscribe(pattern: string, fn: (e: StreamEvent) => void): () => void {
  const l = { pattern, fn };
  listeners.add(l);
  ensureOpen();
  return () => {
    listeners.delete(l);
    if (listeners.size === 0) closeSoon();
  };
}

/** In a component's setup: listen while it is mounted. */
export function useStream(pattern: string, fn: (e: StreamEvent) => void): { status: typeof streamStatus } {
  const off = subscribe(pattern, fn);
  onBeforeUnmount(off);
  return { status: streamStatus };
}

/** Drop the connection and reconnect now (it catches up from the last id). */
export function reconnectStream(): void {
  client?.reconnect();
}

/** How many connections this page has opened (1 = never dropped). */
export function streamConnections(): number {
  return client?.connections ?? 0;
}

if (typeof window !== 'undefined') {
  // the network came back: do not wait for the back-off
  window.addEventListener('online', () => client?.reconnect());
  // a page woken from sleep may hold a dead socket the idle watchdog has not caught yet
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && client && client.status !== 'live') client.reconnect();
  });
}
