// Per-device token buckets: a flapping device is held to its rate without slowing anyone
// else. In memory on each node (a device's traffic mostly reaches one node).
export class TokenBuckets {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  /** true when the device may send one more message now */
  take(id: number, perSecond: number, now: number): boolean {
    const capacity = Math.max(10, perSecond * 2);
    let b = this.buckets.get(id);
    if (!b) {
      b = { tokens: capacity, at: now };
      this.buckets.set(id, b);
    }
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  forget(id: number): void {
    this.buckets.delete(id);
  }
}
