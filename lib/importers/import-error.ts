/** A bad source (missing, not SQLite, another system's database, unreachable): one line, nothing written. */
export class ImportError extends Error {}
