import { z } from "zod";
import { fieldIssues, firstIssue } from "@/lib/validation/zod-issues";

/**
 * Every API error body (every 4xx and 5xx of /api/v1): a stable code, a message naming the
 * field, the field itself when one field is at fault, and, when the input failed its zod
 * schema, every problem found (not only the first, which the message names).
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional().describe("the request field at fault, e.g. body.title or limit"),
    issues: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe("every problem the validation found, when the request failed its schema"),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
export type ApiErrorFields = ApiErrorBody["error"];

type Details = Pick<ApiErrorFields, "field" | "issues"> & { headers?: Record<string, string> };

export class ApiError extends Error {
  readonly field: string | undefined;
  readonly issues: ApiErrorFields["issues"];
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details: Details = {},
  ) {
    super(message);
    this.field = details.field;
    this.issues = details.issues;
    this.headers = details.headers ?? {};
  }

  /** A request that failed its zod schema: the first issue is the message, all are listed. */
  static fromZod(status: number, code: string, error: z.ZodError, options: { whole?: string } = {}): ApiError {
    const first = firstIssue(error, options);
    return new ApiError(status, code, first.text, { field: first.field, issues: fieldIssues(error) });
  }

  toResponse(requestId: string): Response {
    const body: ApiErrorBody = {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
    return Response.json(body, { status: this.status, headers: { ...this.headers, "x-request-id": requestId } });
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);
