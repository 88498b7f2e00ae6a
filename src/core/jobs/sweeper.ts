// Periodic sweeps: the platform's timers (SLA warnings, escalations, visit plans, …).
// A sweep claims its rows with a conditional UPDATE … RETURNING (or SELECT … FOR UPDATE
// SKIP LOCKED), so when several nodes sweep at once each row is handled exactly once.
// Runs never overlap on one node; a failing run is logged and retried at the next tick.
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

export type SweepFn = () => Promise<number | void>;

interface Entry {
  name: string;
  everyMs: number;
  fn: SweepFn;
  timer?: NodeJS.Timeout;
  running?: Promise<number>;
}

export class Sweeper {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;
  private readonly handled: Counter;
  private readonly failures: Counter;

  constructor(
    private readonly log: Logger,
    metrics: Registry,
    /** false in tests that drive sweeps by hand with runNow() */
    private readonly autoStart = true,
  ) {
    this.handled = new Counter({ name: 'sweep_items_total', help: 'Items handled by periodic sweeps', labelNames: ['sweep'], registers: [metrics] });
    this.failures = new Counter({ name: 'sweep_failures_total', help: 'Failed sweep runs', labelNames: ['sweep'], registers: [metrics] });
  }

  /** Run `fn` every `everyMs` (first run after one interval). Names are unique. */
  every(name: string, everyMs: number, fn: SweepFn): void {
    if (this.entries.has(name)) throw new Error(`sweep ${name} registered twice`);
    const entry: Entry = { name, everyMs, fn };
    this.entries.set(name, entry);
    if (this.autoStart && !this.stopped) this.arm(entry);
  }

  /** Run a sweep now (tests, or an admin's "recompute"); waits for a run in progress. */
  async runNow(name: string): Promise<number> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`no sweep ${name}`);
    return this.run(entry);
  }

  /** false when sweeps run only when asked (tests); event-driven triggers respect it */
  get automatic(): boolean {
    return this.autoStart;
  }

  /** Run a sweep soon, outside the caller's flow (e.g. on an event); no-op when sweeps are manual. */
  nudge(name: string): void {
    const entry = this.entries.get(name);
    if (!entry || !this.autoStart || this.stopped) return;
    void this.run(entry);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const e of this.entries.values()) clearTimeout(e.timer);
    await Promise.allSettled([...this.entries.values()].map((e) => e.running));
  }

  private arm(entry: Entry): void {
    entry.timer = setTimeout(() => {
      void this.run(entry).finally(() => {
        if (!this.stopped) this.arm(entry);
      });
    }, entry.everyMs);
    entry.timer.unref();
  }

  private async run(entry: Entry): Promise<number> {
    while (entry.running) await entry.running.catch(() => 0);
    entry.running = (async () => {
      try {
        const n = (await entry.fn()) ?? 0;
        if (n) this.handled.inc({ sweep: entry.name }, n);
        return n;
      } catch (err) {
        this.failures.inc({ sweep: entry.name });
        this.log.error({ err, sweep: entry.name }, 'sweep failed');
        return 0;
      } finally {
        entry.running = undefined;
      }
    })();
    return entry.running;
  }
}
