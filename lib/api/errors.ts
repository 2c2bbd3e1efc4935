import { z } from "zod";

/** Every API error body: a stable code, a message naming the field, and the field path. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toResponse(requestId: string): Response {
    const body: ApiErrorBody = { error: { code: this.code, message: this.message, ...(this.path ? { path: this.path } : {}) } };
    return Response.json(body, { status: this.status, headers: { ...this.headers, "x-request-id": requestId } });
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);
export const badRequest = (message: string, path?: string) => new ApiError(400, "invalid_request", message, path);
