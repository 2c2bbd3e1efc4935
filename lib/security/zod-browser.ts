// zod compiles object parsers with `new Function` when it may, and finds out by trying
// `Function("")` once. Our CSP has no 'unsafe-eval', so in the browser that probe is blocked
// and reported as a violation. Client code that parses with zod imports this first, so zod
// never tries. The server keeps the faster compiled parsers.
import { config } from "zod/mini";

if (typeof window !== "undefined") config({ jitless: true });
