// The fields of a price entry, shared by the add and edit forms. Values are USD per 1M
// tokens; empty optional rates fall back to the input (cache) or output (reasoning) rate.
import { TextField } from "@/components/ui/form-fields";

export type PriceDefaults = {
  model?: string;
  matchPattern?: string;
  provider?: string | null;
  inputPerMTok?: number;
  outputPerMTok?: number;
  cacheReadPerMTok?: number | null;
  cacheWritePerMTok?: number | null;
  reasoningPerMTok?: number | null;
  effectiveFrom?: Date;
};

const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** A date input shows days; an entry effective at another instant keeps its full timestamp. */
function effectiveValue(d: Date | undefined): string {
  if (!d) return new Date().toISOString().slice(0, 10);
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

export function PriceFields({ idPrefix, values = {} }: { idPrefix: string; values?: PriceDefaults }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const rate = { type: "text", inputMode: "decimal" as const, placeholder: "USD per 1M tokens" };
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <TextField
        id={id("model")}
        name="model"
        label="Model"
        required
        defaultValue={values.model}
        hint="The canonical model name; one name per price history."
      />
      <TextField
        id={id("matchPattern")}
        name="matchPattern"
        label="Match pattern"
        required
        defaultValue={values.matchPattern}
        className="font-mono"
        hint="Regular expression tested against call model names, case-insensitive, e.g. ^gpt-4o(-\d{4}-\d{2}-\d{2})?$"
      />
      <TextField id={id("provider")} name="provider" label="Provider" defaultValue={values.provider ?? ""} />
      <TextField
        id={id("inputPerMTok")}
        name="inputPerMTok"
        label="Input $/1M"
        required
        defaultValue={num(values.inputPerMTok)}
        {...rate}
      />
      <TextField
        id={id("outputPerMTok")}
        name="outputPerMTok"
        label="Output $/1M"
        required
        defaultValue={num(values.outputPerMTok)}
        {...rate}
      />
      <TextField
        id={id("cacheReadPerMTok")}
        name="cacheReadPerMTok"
        label="Cache read $/1M"
        defaultValue={num(values.cacheReadPerMTok)}
        {...rate}
        hint="Empty: billed at the input rate."
      />
      <TextField
        id={id("cacheWritePerMTok")}
        name="cacheWritePerMTok"
        label="Cache write $/1M"
        defaultValue={num(values.cacheWritePerMTok)}
        {...rate}
        hint="Empty: billed at the input rate."
      />
      <TextField
        id={id("reasoningPerMTok")}
        name="reasoningPerMTok"
        label="Reasoning $/1M"
        defaultValue={num(values.reasoningPerMTok)}
        {...rate}
        hint="Empty: billed at the output rate."
      />
      <TextField
        id={id("effectiveFrom")}
        name="effectiveFrom"
        label="Effective from"
        required
        defaultValue={effectiveValue(values.effectiveFrom)}
        placeholder="2025-06-01"
        hint="UTC date (or ISO timestamp) from which calls are billed at these rates."
      />
    </div>
  );
}
