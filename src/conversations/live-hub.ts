// Live delivery of new messages to whoever watches a dialogue (the widget's event stream, the
// operator's dialogue page). In-process: with several app instances each instance delivers the
// messages it stores itself; a shared bus (PostgreSQL LISTEN/NOTIFY) would be the next step.
export interface LiveMessage {
  id: number;
  dialogId: string;
  authorType: 'client' | 'bot' | 'operator' | 'system';
  authorName: string | null;
  text: string;
  sentAt: string;
  /** The client's own id for its message (lets the widget match its optimistic copy). */
  clientMessageId?: string | null;
}

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

export type LiveEvent = { type: 'message'; message: LiveMessage } | StatusEvent;

type Listener = (event: LiveEvent) => void;

export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();

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
