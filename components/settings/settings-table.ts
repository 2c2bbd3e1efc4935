// Cell classes shared by the settings and audit tables.
export const th = "px-3 py-2 text-left text-xs font-medium text-fg-muted whitespace-nowrap";
export const td = "px-3 py-2 align-top text-sm";
export const tableClass = "w-full border-collapse text-sm";
export const theadClass = "border-line bg-surface-2 border-b";
export const rowClass = "border-line border-b last:border-b-0";
