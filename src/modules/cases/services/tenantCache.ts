// One load per tenant at a time, kept until dropped (by a bus event); a failed load is
// not kept.
export class TenantCache<T> {
  private readonly cache = new Map<string, Promise<T>>();

  constructor(private readonly load: (tenantId: string) => Promise<T>) {}

  get(tenantId: string): Promise<T> {
    let p = this.cache.get(tenantId);
    if (!p) {
      p = this.load(tenantId);
      this.cache.set(tenantId, p);
      p.catch(() => this.cache.delete(tenantId));
    }
    return p;
  }

  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
