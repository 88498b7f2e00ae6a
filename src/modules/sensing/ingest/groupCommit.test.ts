import { afterEach, describe, expect, it, vi } from 'vitest';
import { GroupCommitter } from './groupCommit.js';

// The group commit window: under a steady stream, messages wait for the window and go in
// one transaction; after a quiet spell the first message goes at once.
function committer(minIntervalMs: number, maxBatch = 100) {
  const batches: number[][] = [];
  const c = new GroupCommitter<number, string>({
    write: async (items) => {
      batches.push(items);
      return items.map(() => 'stored');
    },
    onPoison: async () => 'dead',
    maxBatch,
    concurrency: 1,
    minIntervalMs,
  });
  return { c, batches };
}

describe('group commit window', () => {
  afterEach(() => vi.useRealTimers());

  it('sends a message after a quiet spell at once and gathers those that follow within the window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
    const { c, batches } = committer(1_000);
    const first = c.submit(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(await first).toBe('stored');
    expect(batches).toEqual([[1]]);

    // three more arrive 10 ms apart, well inside the window: nothing is written yet
    const rest = [2, 3, 4].map((n) => c.submit(n));
    await vi.advanceTimersByTimeAsync(30);
    expect(batches).toEqual([[1]]);
    // the window ends: all three in one transaction, each told its outcome
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await Promise.all(rest)).toEqual(['stored', 'stored', 'stored']);
    expect(batches).toEqual([[1], [2, 3, 4]]);

    // after a quiet spell longer than the window, the next one is not held
    await vi.advanceTimersByTimeAsync(5_000);
    const late = c.submit(5);
    await vi.advanceTimersByTimeAsync(0);
    expect(await late).toBe('stored');
    expect(batches.at(-1)).toEqual([5]);
  });

  it('does not hold a full batch for the window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
    const { c, batches } = committer(60_000, 3);
    await vi.advanceTimersByTimeAsync(0);
    const first = c.submit(0);
    await vi.advanceTimersByTimeAsync(0);
    await first;
    const full = [1, 2, 3].map((n) => c.submit(n));
    await vi.advanceTimersByTimeAsync(0);
    expect(await Promise.all(full)).toEqual(['stored', 'stored', 'stored']);
    expect(batches).toEqual([[0], [1, 2, 3]]);
  });

  it('without a window, writes what arrived in one turn of the event loop together', async () => {
    const { c, batches } = committer(0);
    await Promise.all([1, 2, 3].map((n) => c.submit(n)));
    expect(batches).toEqual([[1, 2, 3]]);
  });
});
