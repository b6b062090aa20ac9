// Live delivery of new messages to whoever watches a dialogue (the widget's event stream, the
// operator's dialogue page), in this process. Messages stored here are published with their
// content; what other instances store arrives as 'news' through the database (live-bus.ts), and
// a stream catches up on news from the database. Status changes published here are relayed to
// the other instances by the bus.
export interface LiveMessage {
  id: number;
  dialogId: string;
  authorType: 'client' | 'bot' | 'operator' | 'system';
  authorName: string | null;
  text: string;
  sentAt: string;
  /** The client's own id for its message (lets the widget match its optimistic copy). */
  clientMessageId?: string | null;
  /**
   * The dialogue's newest message id before this one (0: none). A stream that has not sent that
   * one yet (stored by another instance, its notification still on the way) catches up first.
   */
  previousId?: number;
}

/** Messages of the dialogue up to `upTo` are stored; a stream that has sent fewer catches up. */
export interface NewsEvent { type: 'news'; dialogId: string; upTo: number }

export type CloseReason = 'client' | 'operator' | 'inactivity';

export interface StatusEvent {
  type: 'status';
  dialogId: string;
  status: 'active' | 'closed';
  /** Transferred, active, and no operator has answered yet. */
  waitingForOperator: boolean;
  /** The assigned operator, when known. */
  operatorId?: number | null;
  /** Why it was closed, on the event of the closing. */
  reason?: CloseReason;
}

export type LiveEvent = { type: 'message'; message: LiveMessage } | StatusEvent | NewsEvent;

type Listener = (event: LiveEvent) => void;

export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private relay: ((event: StatusEvent) => void) | null = null;

  /** Where status changes published here are also sent (the bus, to the other instances). */
  relayStatusTo(relay: ((event: StatusEvent) => void) | null): void {
    this.relay = relay;
  }

  /** Dialogues watched in this process. */
  watched(): string[] {
    return [...this.listeners.keys()];
  }

  subscribe(dialogId: string, listener: Listener): () => void {
    const set = this.listeners.get(dialogId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(dialogId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(dialogId);
    };
  }

  publish(dialogId: string, event: LiveEvent): void {
    if (event.type === 'status') this.relay?.(event);
    this.deliver(dialogId, event);
  }

  /** To this process' watchers only (what came from the bus). */
  deliver(dialogId: string, event: LiveEvent): void {
    for (const listener of this.listeners.get(dialogId) ?? []) {
      try {
        listener(event);
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  }

  watchers(dialogId: string): number {
    return this.listeners.get(dialogId)?.size ?? 0;
  }
}
