/**
 * A failure meant for the scenario's author: its message is the whole report (the file and line,
 * what went wrong), so cucumber prints it without a stack trace.
 */
export class ScenarioFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioFailure';
    // cucumber prints `stack`; a failure in the user's input has no interesting one.
    Object.defineProperty(this, 'stack', { value: message, configurable: true, writable: true });
  }
}

/** Throws a ScenarioFailure. */
export function fail(message: string): never {
  throw new ScenarioFailure(message);
}
