// The one place that turns zod issues into what people read: API errors, server-action
// results, CLI messages and startup errors all name the failing field the same way.
// ESLint forbids reading `issues[0]` anywhere else (eslint.config.mjs).
import type { z } from "zod";

/** One problem with an input: the field it concerns ("" for the whole input) and why. */
export type FieldIssue = { field: string; message: string };

/** Field path as messages report it: ["body", "tags", 0] → "body.tags[0]". */
export function formatField(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/** Every issue of a failed parse, its field prefixed when the input sat inside a larger one. */
export function fieldIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({ field: formatField([...prefix, ...issue.path]), message: issue.message }));
}

export type FirstIssue = {
  /** the failing field, undefined when the whole input failed */
  field: string | undefined;
  /** zod's message alone, for forms that show it next to the field */
  message: string;
  /** "field: message", or `whole: message` for the whole input when `whole` is given */
  text: string;
  /** code of the zod issue (too_big, invalid_type, custom, …) */
  code: string;
};

/**
 * The first issue of a failed parse, which is what a form or an API error names.
 * `whole` names the input itself when the issue has no path ("body", "event", "filter").
 */
export function firstIssue(
  error: z.ZodError,
  options: { prefix?: readonly PropertyKey[]; whole?: string } = {},
): FirstIssue {
  const issue = error.issues[0];
  if (!issue)
    return {
      field: undefined,
      message: "is not valid",
      text: `${options.whole ?? "input"}: is not valid`,
      code: "custom",
    };
  const field = formatField([...(options.prefix ?? []), ...issue.path]) || undefined;
  const name = field ?? options.whole;
  return { field, message: issue.message, text: name ? `${name}: ${issue.message}` : issue.message, code: issue.code };
}
