// The OTLP/JSON ExportTraceServiceResponse, as this server answers it. int64 fields are
// decimal strings in OTLP/JSON.
import { z } from "zod";

export const exportTraceResponseSchema = z.object({
  partialSuccess: z
    .object({
      rejectedSpans: z
        .string()
        .regex(/^\d+$/)
        .describe("number of spans that were not stored (int64 as a decimal string)"),
      errorMessage: z.string().describe("why, naming the first few reasons"),
    })
    .optional()
    .describe("present only when some spans were rejected; the others were stored"),
});

export type ExportTraceResponseJson = z.infer<typeof exportTraceResponseSchema>;
