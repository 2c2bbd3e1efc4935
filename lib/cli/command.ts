import { parseArgs, type ParseArgsConfig } from "node:util";

export type Command = {
  name: string;
  summary: string;
  usage: string;
  run: (argv: string[]) => Promise<void>;
};

/** A failure the user can act on: printed as one line, exit code 1 (2 for usage errors). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
}

export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`${flag} must be a positive integer, got "${value}"`, 2);
  return n;
}

/** A progress line that redraws in place on a terminal and prints sparse lines otherwise. */
export function progress(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  const start = Date.now();
  let lastPrinted = -1;
  return (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    const elapsed = (Date.now() - start) / 1000;
    const eta = done > 0 ? Math.max(0, (elapsed / done) * (total - done)) : 0;
    if (tty) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${pct}% ETA ${eta.toFixed(0)}s `,
      );
      if (done >= total) process.stderr.write("\n");
    } else if (pct >= lastPrinted + 25 || done >= total) {
      lastPrinted = pct;
      process.stderr.write(`${label}: ${done}/${total} (${pct}%)\n`);
    }
  };
}
