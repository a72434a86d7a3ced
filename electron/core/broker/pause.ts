import { BrokerError } from './protocol';

/** What a tool is told while tools are paused: the typed refusal and what the person can do. */
export const PAUSED_MESSAGE = 'Scopekeeper has paused tools. Nothing new is answered until the person chooses Resume tools in Scopekeeper.';

/**
 * "Pause tools": while paused, the broker refuses every new request, call and token handout with
 * `paused`, decided as each arrives (a call already admitted finishes). Listing and `hello` still
 * answer, so a tool can tell the person what it would use.
 */
export class ToolsPause {
  private on = false;

  get paused(): boolean {
    return this.on;
  }

  set(paused: boolean): void {
    this.on = paused;
  }

  /** Throws the `paused` refusal while tools are paused. */
  check(): void {
    if (this.on) throw new BrokerError('paused', PAUSED_MESSAGE);
  }
}
