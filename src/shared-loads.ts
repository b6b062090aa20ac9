// Loads under way, by key: callers that ask for the same key while a load is running get that
// load's promise instead of starting another (a cache expiring under load would otherwise send
// one query per request). A settled load is forgotten, a failed one included: the next caller
// tries again. Caching the result is the caller's business.
export class SharedLoads<K, V> {
  private readonly running = new Map<K, Promise<V>>();

  load(key: K, start: () => Promise<V>): Promise<V> {
    const running = this.running.get(key);
    if (running) return running;
    const load = start().finally(() => this.running.delete(key));
    this.running.set(key, load);
    return load;
  }
}
