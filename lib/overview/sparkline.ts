// Points of an SVG polyline for a sparkline: values spread over the width, scaled to the
// height with the largest value at the top. All zeros draw a flat line at the bottom.
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 1.5): string {
  if (values.length === 0) return "";
  const max = Math.max(...values, 0);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number) => (max === 0 ? height - pad : height - pad - (Math.max(0, v) / max) * (height - 2 * pad));
  const round = (n: number) => Math.round(n * 100) / 100;
  if (values.length === 1) return `${pad},${round(y(values[0]!))} ${width - pad},${round(y(values[0]!))}`;
  return values.map((v, i) => `${round(pad + i * step)},${round(y(v))}`).join(" ");
}
