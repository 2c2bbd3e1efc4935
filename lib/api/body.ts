// Request bodies with a byte cap enforced while reading, before and after gzip decoding,
// so an oversized or bomb-like body is refused without being held in memory.
import { ApiError } from "./errors";

async function readCapped(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  what: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new ApiError(400, "invalid_body", `the ${what} body could not be read (bad gzip data?)`);
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new ApiError(413, "payload_too_large", `the ${what} body is larger than ${limit} bytes`);
    }
    chunks.push(next.value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** The raw body, gunzipped when Content-Encoding says so; both sizes capped at `limit`. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new ApiError(413, "payload_too_large", `the request body is larger than ${limit} bytes`);
  if (!request.body) return new Uint8Array(0);
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return readCapped(request.body, limit, "request");
  if (encoding !== "gzip" && encoding !== "x-gzip") {
    throw new ApiError(
      415,
      "unsupported_encoding",
      `Content-Encoding "${encoding}" is not supported; use gzip or none`,
    );
  }
  const compressed = await readCapped(request.body, limit, "request");
  const inflated = new Blob([compressed as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream("gzip"));
  return readCapped(inflated, limit, "decompressed request");
}

export async function readJson(request: Request, limit: number): Promise<unknown> {
  return parseJsonBytes(await readBody(request, limit));
}

/** UTF-8 JSON from a body already read; 400 invalid_json when it is not. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "invalid_json", "the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_json", "the body is not valid JSON");
  }
}
