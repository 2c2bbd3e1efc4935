// What every server action answers: data, or an error naming its field. Kept apart from
// role-action.ts (server-only) so client components can import the types and helpers.

/** Why an action refused: a message for people, and the form field it is about. */
export type ActionFailure = { message: string; field?: string };

/** The one result shape of every server action. `at` changes on each call so forms can reset. */
export type ActionResult<D> = { ok: true; data: D; at: number } | { ok: false; error: ActionFailure; at: number };

/** What a settings form's action answers on success: a line to show, and maybe a secret to show once. */
export type Notice = { message: string; secret?: string };

/** A server action as a form posts to it through useActionState (null before the first post). */
export type FormAction<D = Notice> = (previous: ActionResult<D> | null, form: FormData) => Promise<ActionResult<D>>;

/** The field a failed result names, for marking that input invalid. */
export function failedField(result: ActionResult<unknown> | null): string | undefined {
  return result && !result.ok ? result.error.field : undefined;
}

/** The data of a result, or a thrown Error with its message: for client code that loads with actions. */
export function unwrap<D>(result: ActionResult<D>): D {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** Thrown by an action for an expected refusal (a duplicate name, a missing record). */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
