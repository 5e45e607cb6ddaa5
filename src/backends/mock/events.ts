// Lifecycle events go to whatever listener the session set on the backend. Callers test `on` before
// building an event object, so a run without a listener (a benchmark) allocates nothing for events.
import type { LifecycleEvent } from '../types.js';

export class Events {
  /** Set while the backend tears itself down in dispose(): the scenario is over, nobody is listening. */
  muted = false;

  constructor(private readonly owner: { onEvent?: (e: LifecycleEvent) => void }) {}

  get on(): boolean {
    return !this.muted && this.owner.onEvent !== undefined;
  }

  emit(e: LifecycleEvent): void {
    const f = this.owner.onEvent;
    if (f !== undefined && !this.muted) f(e);
  }
}
