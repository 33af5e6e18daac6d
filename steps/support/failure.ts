/**
 * A failure meant for the scenario's author: its message is the whole report (the file and line,
 * what went wrong), so cucumber prints it without a stack trace.
 */
export class ScenarioFailure extends Error {
  /**
   * For a timeline assertion: the instant the check was at its worst (engine/invariants `CountResult.at`).
   * The report marks it on the scenario's chart (steps/report_hooks.ts).
   */
  readonly at?: FailureInstant;

  constructor(message: string, at?: FailureInstant) {
    super(message);
    if (at) this.at = at;
    this.name = 'ScenarioFailure';
    // cucumber prints `stack`; a failure in the user's input has no interesting one.
    Object.defineProperty(this, 'stack', { value: message, configurable: true, writable: true });
  }
}

/** Where in the trace a timeline check failed (the shape of engine/invariants `Instant`). */
export interface FailureInstant {
  seq: number;
  time: number;
  change: string;
}

/** Throws a ScenarioFailure; a timeline check passes the instant it failed at. */
export function fail(message: string, at?: FailureInstant): never {
  throw new ScenarioFailure(message, at);
}
