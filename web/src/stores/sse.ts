// A live-stream (Server-Sent Events) client that reconnects by itself and catches up on
// what it missed: every reconnect sends the last event id it saw (Last-Event-ID), and the
// server replays every event committed since, in order, exactly once (ADR 0104, 0501).
// Built on fetch rather than EventSource because EventSource only delivers named events
// to listeners registered per name, gives up for good on an HTTP error, and cannot tell a
// 401 (stop) from a dropped connection (retry). No imports: it runs in the browser and in
// Node tests alike.

export interface StreamEvent {
  id: number;
  type: string;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

export type StreamStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

export interface SseOptions {
  url: string;
  /** start after this event id (a resumed screen); without it the server starts from now */
  lastEventId?: number;
  fetch?: typeof fetch;
  headers?: () => Record<string, string>;
  onEvent: (e: StreamEvent) => void;
  onStatus?: (s: StreamStatus) => void;
  /** first retry delay; doubles up to maxDelayMs */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** no byte (event or heartbeat) for this long → the connection is taken for dead */
  idleMs?: number;
}

/** Splits an SSE byte stream into events (WHATWG rules for the fields the server sends). */
export class SseParser {
  private buf = '';
  constructor(private readonly emit: (f: { id?: string; event?: string; data?: string; retry?: string }) => void) {}
  push(chunk: string): void {
    this.buf += chunk.replace(/\r\n?/g, '\n');
    let i: number;
    while ((i = this.buf.indexOf('\n\n')) >= 0) {
      const block = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 2);
      const f: { id?: string; event?: string; data?: string; retry?: string } = {};
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const c = line.indexOf(':');
        const name = c < 0 ? line : line.slice(0, c);
        const value = c < 0 ? '' : line.slice(c + 1).replace(/^ /, '');
        if (name === 'data') f.data = f.data === undefined ? value : `${f.data}\n${value}`;
        else if (name === 'id' || name === 'event' || name === 'retry') f[name] = value;
      }
      this.emit(f);
    }
  }
}

export class SseClient {
  lastId: number | undefined;
  status: StreamStatus = 'idle';
  private ac: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private stopped = true;
  /** how many times a connection was (re)opened — for screens and tests */
  connections = 0;

  constructor(private readonly o: SseOptions) {
    this.lastId = o.lastEventId;
    this.delay = o.minDelayMs ?? 500;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.idleTimer);
    this.ac?.abort();
    this.setStatus('idle');
  }

  /** drop the current connection now and reconnect (network came back, or a test) */
  reconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.ac?.abort();
  }

  private setStatus(s: StreamStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.o.onStatus?.(s);
  }

  private armIdle(ac: AbortController): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => ac.abort(), this.o.idleMs ?? 45_000);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const ac = new AbortController();
      this.ac = ac;
      this.setStatus(this.connections === 0 ? 'connecting' : 'reconnecting');
      let fatal = false;
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream', ...(this.o.headers?.() ?? {}) };
        if (this.lastId !== undefined) headers['last-event-id'] = String(this.lastId);
        this.armIdle(ac);
        const res = await (this.o.fetch ?? fetch)(this.o.url, { headers, signal: ac.signal, credentials: 'same-origin', cache: 'no-store' });
        if (res.status === 401 || res.status === 403) {
          fatal = true;
          this.setStatus('unauthorized');
        } else if (res.ok && res.body) {
          this.connections++;
          this.setStatus('live');
          this.delay = this.o.minDelayMs ?? 500;
          await this.read(res.body, ac);
        }
      } catch {
        // network error or aborted: retry below
      }
      clearTimeout(this.idleTimer);
      if (fatal || this.stopped) return;
      this.setStatus('reconnecting');
      const wait = this.delay * (0.75 + Math.random() * 0.5);
      this.delay = Math.min(this.delay * 2, this.o.maxDelayMs ?? 10_000);
      await new Promise<void>((r) => (this.timer = setTimeout(r, wait)));
    }
  }

  private async read(body: ReadableStream<Uint8Array>, ac: AbortController): Promise<void> {
    const reader = body.getReader();
    const dec = new TextDecoder();
    const parser = new SseParser((f) => {
      if (f.id !== undefined && /^\d+$/.test(f.id)) this.lastId = Number(f.id);
      if (f.data === undefined) return;
      let e: StreamEvent;
      try {
        e = JSON.parse(f.data) as StreamEvent;
      } catch {
        return;
      }
      try {
        this.o.onEvent(e);
      } catch (err) {
        // one bad handler must not end the stream
        console.error(err);
      }
    });
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || ac.signal.aborted) break;
        this.armIdle(ac);
        parser.push(dec.decode(value, { stream: true }));
      }
    } finally {
      try {
        reader.releaseLock();
      } catch {
        // already released by the abort
      }
    }
  }
}

/** "case.*,sensing.alarm.*" style pattern → does a type match? */
export function matchesType(pattern: string, type: string): boolean {
  return pattern.split(',').some((p) => {
    const q = p.trim();
    return q === '*' || q === type || (q.endsWith('.*') && type.startsWith(q.slice(0, -1)));
  });
}
