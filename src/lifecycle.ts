// The instance's life as the load balancer sees it: ready, then draining when it is told to stop
// (SIGTERM). Draining turns readiness off and tells whoever holds long connections (event streams)
// to end them with a retry hint, so that clients reconnect to another instance at once.
export class Lifecycle {
  private drainingSince: number | null = null;
  private readonly drainListeners = new Set<() => void>();

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** `listener` runs when draining starts (at once if it has); returns the unsubscribe function. */
  onDrain(listener: () => void): () => void {
    if (this.draining) {
      listener();
      return () => undefined;
    }
    this.drainListeners.add(listener);
    return () => this.drainListeners.delete(listener);
  }

  /** Ready again (a stopped plugin started anew). */
  resume(): void {
    this.drainingSince = null;
  }

  /** Starts draining (once). */
  drain(): void {
    if (this.draining) return;
    this.drainingSince = Date.now();
    for (const listener of [...this.drainListeners]) {
      try {
        listener();
      } catch {
        // one holder failing to end must not keep the others open
      }
    }
    this.drainListeners.clear();
  }
}
