// Fixed locale so numbers read the same whatever the server's locale is.
const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return grouped.format(value);
}
