// Caps on open event streams. A stream holds a connection, a hub subscription and a timer for as
// long as the client likes, so each kind of holder gets a bounded number: per dialogue (a client's
// tabs), per signed-in user, per address. A stream lives in one process, so in-process counters
// are exact: every instance bounds its own connections.

export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `key`; false when all of its slots are taken. */
  take(key: string): boolean {
    const count = this.open.get(key) ?? 0;
    if (count >= this.max) return false;
    this.open.set(key, count + 1);
    return true;
  }

  release(key: string): void {
    const left = (this.open.get(key) ?? 1) - 1;
    if (left > 0) this.open.set(key, left);
    else this.open.delete(key);
  }

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }
}

/** Takes a slot in each of `slots` (all or none); returns the release, or null when one is full. */
export function takeSlots(slots: [StreamSlots, string][]): (() => void) | null {
  const taken: [StreamSlots, string][] = [];
  for (const [slot, key] of slots) {
    if (!slot.take(key)) {
      taken.forEach(([held, heldKey]) => held.release(heldKey));
      return null;
    }
    taken.push([slot, key]);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    taken.forEach(([held, heldKey]) => held.release(heldKey));
  };
}
