// The offline upload queue: every photo, action and patrol report made on the phone is
// first written to IndexedDB, then sent in order — at once when there is a network, else
// when it returns (the `online` event, and retries with back-off). Each item carries an
// Idempotency-Key made on the device, so an item whose answer was lost is answered again
// by the server, never applied twice (ADR 0510, 0511). A refusal (4xx) is kept with its
// message for the user to see and is not retried; items that depend on it fail with it.
import { reactive, toRaw } from 'vue';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { api, ApiError } from '../../api';
import { newKey } from './ids';

export interface Location {
  lng: number;
  lat: number;
}
interface Base {
  /** the Idempotency-Key, made on the device */
  key: string;
  seq?: number;
  /** shown in the queue list */
  label: string;
  createdAt: string;
  attempts: number;
  failed?: { status: number; message: string };
}
export interface PhotoItem extends Base {
  kind: 'photo';
  caseId: number;
  photo: Blob;
  caption?: string;
  location?: Location;
}
export interface ActionItem extends Base {
  kind: 'action';
  caseId: number;
  body: Record<string, unknown>;
  /** keys of photo items whose evidence ids go into body.photos */
  photoKeys: string[];
}
export interface ReportItem extends Base {
  kind: 'report';
  caseId?: undefined;
  body: Record<string, unknown>;
  photos: Blob[];
}
export type QueueItem = PhotoItem | ActionItem | ReportItem;
export type NewItem = Omit<PhotoItem, keyof Base> | Omit<ActionItem, keyof Base> | Omit<ReportItem, keyof Base>;

interface Done {
  key: string;
  at: string;
  result: unknown;
}

interface QueueDb extends DBSchema {
  items: { key: number; value: QueueItem; indexes: { key: string } };
  done: { key: string; value: Done };
}

let dbp: Promise<IDBPDatabase<QueueDb>> | null = null;
function db() {
  dbp ??= openDB<QueueDb>('jiedao-field', 1, {
    upgrade(d) {
      const items = d.createObjectStore('items', { keyPath: 'seq', autoIncrement: true });
      items.createIndex('key', 'key', { unique: true });
      d.createObjectStore('done', { keyPath: 'key' });
    },
  });
  return dbp;
}

/** What the pages show: the items waiting, the one being sent, refusals, the last result. */
export const queue = reactive({
  items: [] as QueueItem[],
  sending: null as string | null,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  /** the next retry, when the last attempt failed for want of network or a server error */
  retryAt: null as number | null,
  /** incremented after each item sent, so pages can reload what changed */
  sent: 0,
});

async function refresh() {
  queue.items = await (await db()).getAll('items');
}

const blobBase64 = (b: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(r.error);
    r.readAsDataURL(b);
  });

export async function resultOf(key: string): Promise<unknown> {
  return (await (await db()).get('done', key))?.result;
}

class DependencyFailed extends Error {}

async function send(item: QueueItem): Promise<unknown> {
  const headers = { 'idempotency-key': item.key };
  switch (item.kind) {
    case 'photo':
      return api('POST', `/api/v1/cases/${item.caseId}/evidence`, { evidence: [{ kind: 'photo', contentBase64: await blobBase64(item.photo), caption: item.caption, takenAt: item.createdAt, location: item.location }] }, { headers });
    case 'action': {
      const photos: number[] = [];
      for (const k of item.photoKeys) {
        const r = (await resultOf(k)) as { ids?: number[] } | undefined;
        if (!r?.ids) throw new DependencyFailed(k);
        photos.push(...r.ids);
      }
      return api('POST', `/api/v1/cases/${item.caseId}/actions`, photos.length ? { ...item.body, photos } : item.body, { headers });
    }
    case 'report': {
      const evidence = await Promise.all(item.photos.map(async (p) => ({ kind: 'photo', contentBase64: await blobBase64(p), takenAt: item.createdAt })));
      return api('POST', '/api/v1/cases', { ...item.body, evidence }, { headers });
    }
  }
}

export type Enqueue = NewItem & { label: string; key?: string };

/** Put items at the end of the queue in one go (they are on the device from now on) and
 * start sending. Give an item a `key` (newKey()) when a later item refers to it. */
export async function enqueue(items: Enqueue[]): Promise<string[]> {
  const at = new Date().toISOString();
  // IndexedDB stores structured clones: no reactive proxies (bodies are JSON anyway)
  const plain = (i: Enqueue) => ({
    ...i,
    ...('body' in i ? { body: JSON.parse(JSON.stringify(i.body)) as Record<string, unknown> } : {}),
    ...(i.kind === 'report' ? { photos: [...toRaw(i.photos)] } : {}),
    ...(i.kind === 'action' ? { photoKeys: [...i.photoKeys] } : {}),
  });
  const full = items.map((i) => ({ ...plain(i), key: i.key ?? newKey(), createdAt: at, attempts: 0 }) as QueueItem);
  const tx = (await db()).transaction('items', 'readwrite');
  for (const i of full) await tx.store.add(i);
  await tx.done;
  await refresh();
  void flush();
  return full.map((i) => i.key);
}

let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let backoff = 0;

/** Send what waits, in order, until the queue is empty, a network error or a server error.
 * Items added while a run is ending are picked up by one more run. */
export function flush(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      // one sender per device even with the page open in two tabs (the keys would make a
      // double send harmless, but not cheaper)
      if (navigator.locks) await navigator.locks.request('jiedao-field-queue', () => drain());
      else await drain();
    } while (again && queue.retryAt === null);
  })().finally(() => (running = null));
  return running;
}

const retriable = (e: unknown) => !(e instanceof ApiError) || e.status >= 500 || e.status === 408 || e.status === 429 || e.problem.code === 'idempotency.in_progress';

async function drain(): Promise<void> {
  clearTimeout(timer);
  queue.retryAt = null;
  const d = await db();
  for (;;) {
    if (typeof navigator !== 'undefined' && !navigator.onLine) return;
    const all = await d.getAll('items');
    const item = all.find((i) => !i.failed);
    if (!item) break;
    queue.sending = item.key;
    try {
      const result = await send(item);
      const tx = d.transaction(['items', 'done'], 'readwrite');
      await tx.objectStore('done').put({ key: item.key, at: new Date().toISOString(), result });
      await tx.objectStore('items').delete(item.seq!);
      await tx.done;
      backoff = 0;
      queue.sent++;
    } catch (e) {
      if (e instanceof DependencyFailed) {
        await d.put('items', { ...item, failed: { status: 0, message: 'dependency' } });
      } else if (e instanceof ApiError && e.status === 401) {
        // signed out: keep everything; it is sent after the next log-in
        await d.put('items', { ...item, attempts: item.attempts + 1 });
        queue.sending = null;
        await refresh();
        return;
      } else if (retriable(e)) {
        await d.put('items', { ...item, attempts: item.attempts + 1 });
        backoff = Math.min(backoff + 1, 6);
        const wait = 1000 * 2 ** backoff * (0.75 + Math.random() / 2); // 2 s … ~1 min, with jitter
        queue.retryAt = Date.now() + wait;
        timer = setTimeout(() => void flush(), wait);
        queue.sending = null;
        await refresh();
        return;
      } else {
        const err = e as ApiError;
        await d.put('items', { ...item, failed: { status: err.status, message: err.message } });
      }
    } finally {
      queue.sending = null;
      await refresh();
    }
  }
  // answers are kept a day for the items that refer to them
  const old = Date.now() - 24 * 3600_000;
  for (const done of await d.getAll('done')) if (Date.parse(done.at) < old) await d.delete('done', done.key);
}

/** The user gives up on a refused item (and on the items that needed it). */
export async function discard(key: string): Promise<void> {
  const d = await db();
  for (const i of await d.getAll('items')) if (i.key === key || (i.kind === 'action' && i.photoKeys.includes(key))) await d.delete('items', i.seq!);
  await refresh();
}

let started = false;
/** Load the queue from the device and send it whenever the network comes back. */
export function startQueue(): void {
  if (started) {
    // e.g. back on the page after logging in again: send what waited
    void flush();
    return;
  }
  started = true;
  window.addEventListener('online', () => {
    queue.online = true;
    backoff = 0;
    void flush();
  });
  window.addEventListener('offline', () => (queue.online = false));
  void refresh().then(() => flush());
}

/** Waiting items of one case (shown on its page). */
export const pendingFor = (caseId: number) => queue.items.filter((i) => i.caseId === caseId);
