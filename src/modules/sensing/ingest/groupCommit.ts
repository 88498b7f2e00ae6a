// Group commit: messages arriving while a transaction is in flight wait for the next one,
// so the number of commits follows the database's pace, not the message rate. Each
// submit() resolves with its item's outcome once that transaction has committed (and only
// then may the message be acknowledged).
//
// A failing batch is not allowed to hold up the others: deadlocks are retried, a broken
// connection fails the whole batch (the messages stay unacknowledged and come back), and
// anything else is split in halves until the one item the database refuses is found and
// handed to onPoison (a dead letter) so everything around it still commits.

/** Batches run their transactions in parallel, but each may take its row locks only after
 * the batch formed before it has taken its own (wait, then release), so rows that several
 * batches touch are changed in the order the messages arrived. */
export interface OrderGate {
  wait(): Promise<void>;
  release(): void;
}

export interface GroupCommitOptions<T, R> {
  write(items: T[], gate: OrderGate): Promise<R[]>;
  onPoison(item: T, err: unknown): Promise<R>;
  maxBatch: number;
  /** transactions in flight at once (1 keeps the order of arrival) */
  concurrency: number;
  /** a batch starts no sooner than this after the previous one started, unless a full
   * batch is waiting: under load, fewer and larger transactions (each costs a commit, a
   * turn of the tenant's event lock and a notification to every node); a message after a
   * quiet spell still goes at once */
  minIntervalMs?: number;
  onBatch?(size: number, ms: number): void;
}

interface Waiting<T, R> {
  item: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}

const RETRY_CODES = new Set(['40P01', '40001']);

/** The SQLSTATE (or Node error code) of an error, looking through Drizzle's wrapper. */
export function errorCode(e: unknown): string {
  for (let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0; cur && i < 4; cur = cur.cause as typeof cur, i++) {
    if (typeof cur.code === 'string') return cur.code;
  }
  return '';
}

function messages(e: unknown): string {
  const out: string[] = [];
  for (let cur = e as { message?: unknown; cause?: unknown } | undefined, i = 0; cur && i < 4; cur = cur.cause as typeof cur, i++) out.push(String(cur.message ?? ''));
  return out.join(' | ');
}

/** Connection-level failures: retrying item by item would not help. */
export function isConnectionError(e: unknown): boolean {
  const code = errorCode(e);
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  return /Connection terminated|connection.*closed|Client was closed|PGlite is closed|not connected|ECONNREFUSED/i.test(messages(e));
}

export class GroupCommitter<T, R> {
  private queue: Waiting<T, R>[] = [];
  private running = 0;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private lastStart = -Infinity;
  private idleWaiters: (() => void)[] = [];
  private lastGate: Promise<void> = Promise.resolve();

  constructor(private readonly opts: GroupCommitOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  get depth(): number {
    return this.queue.length;
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private schedule(): void {
    if (this.running >= this.opts.concurrency) return;
    if (this.scheduled) {
      // a full batch does not wait for the window
      if (this.timer && this.queue.length >= this.opts.maxBatch) {
        clearTimeout(this.timer);
        this.timer = undefined;
        setImmediate(() => this.go());
      }
      return;
    }
    this.scheduled = true;
    const wait = this.lastStart + (this.opts.minIntervalMs ?? 0) - Date.now();
    // otherwise let everything that arrived in this turn of the event loop join the batch
    if (wait > 0 && this.queue.length < this.opts.maxBatch) this.timer = setTimeout(() => this.go(), wait);
    else setImmediate(() => this.go());
  }

  private go(): void {
    this.timer = undefined;
    this.scheduled = false;
    this.flush();
  }

  private flush(): void {
    while (this.running < this.opts.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.running++;
      this.lastStart = Date.now();
      const t0 = performance.now();
      void this.run(batch).finally(() => {
        this.running--;
        this.opts.onBatch?.(batch.length, performance.now() - t0);
        if (this.queue.length > 0) this.schedule();
        else if (this.running === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async run(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.writeWithRetry(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      if (isConnectionError(e) || batch.length === 0) {
        for (const w of batch) w.reject(e);
        return;
      }
      if (batch.length === 1) {
        try {
          batch[0]!.resolve(await this.opts.onPoison(batch[0]!.item, e));
        } catch (e2) {
          batch[0]!.reject(e2);
        }
        return;
      }
      const mid = Math.ceil(batch.length / 2);
      await this.run(batch.slice(0, mid));
      await this.run(batch.slice(mid));
    }
  }

  private gate(): OrderGate {
    const previous = this.lastGate;
    let release!: () => void;
    this.lastGate = new Promise<void>((r) => (release = r));
    return { wait: () => previous, release };
  }

  private async writeWithRetry(items: T[]): Promise<R[]> {
    for (let attempt = 0; ; attempt++) {
      const gate = this.gate();
      try {
        return await this.opts.write(items, gate);
      } catch (e) {
        if (!RETRY_CODES.has(errorCode(e)) || attempt >= 3) throw e;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
      } finally {
        // whatever happened, the next batch must not wait for this one any longer
        gate.release();
      }
    }
  }
}
