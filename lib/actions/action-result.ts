// What a server action answers a form with. Kept apart from role-action.ts (server-only) so
// client forms can import the type.

/** A success line, or an error naming its field. */
export type ActionResult = {
  ok?: string;
  error?: string;
  field?: string;
  /** a value shown once (a new API key); never stored or logged */
  secret?: string;
  /** changes on each submit so forms can reset */
  at?: number;
};

/** Thrown by an action for an expected refusal (a duplicate name, a missing record). */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
