// Lays out "who talks to whom": agents on a circle, one curved arrow per direction with
// its message count. Pure geometry, drawn as SVG by the Messages tab.
import type { MessageEdge } from "./session-records";

export type GraphNode = { name: string; x: number; y: number; sent: number; received: number };
export type GraphEdge = { from: string; to: string; count: number; path: string; labelX: number; labelY: number };
export type MessageGraph = { size: number; nodes: GraphNode[]; edges: GraphEdge[]; hiddenAgents: number };

export const NODE_RADIUS = 7;
const round = (n: number) => Math.round(n * 10) / 10;

export function layoutMessageGraph(edges: readonly MessageEdge[], size = 360, maxNodes = 12): MessageGraph {
  const traffic = new Map<string, { sent: number; received: number }>();
  for (const e of edges) {
    const from = traffic.get(e.from) ?? { sent: 0, received: 0 };
    from.sent += e.count;
    traffic.set(e.from, from);
    const to = traffic.get(e.to) ?? { sent: 0, received: 0 };
    to.received += e.count;
    traffic.set(e.to, to);
  }
  const ranked = [...traffic.entries()].sort(
    (a, b) => b[1].sent + b[1].received - (a[1].sent + a[1].received) || a[0].localeCompare(b[0]),
  );
  const shown = ranked.slice(0, maxNodes).sort((a, b) => a[0].localeCompare(b[0]));
  const center = size / 2;
  const radius = shown.length <= 1 ? 0 : size / 2 - 60;
  const nodes: GraphNode[] = shown.map(([name, t], i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / shown.length;
    return { name, x: round(center + radius * Math.cos(angle)), y: round(center + radius * Math.sin(angle)), ...t };
  });
  const at = new Map(nodes.map((n) => [n.name, n]));
  const graphEdges: GraphEdge[] = [];
  for (const e of edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    if (a === b) {
      // a message to oneself: a small loop outside the circle
      const dx = a.x - center;
      const dy = a.y - center;
      const len = Math.hypot(dx, dy) || 1;
      const ux = dx / len;
      const uy = dy / len;
      const ox = a.x + ux * 22;
      const oy = a.y + uy * 22;
      graphEdges.push({
        ...e,
        path: `M ${round(a.x + uy * NODE_RADIUS)} ${round(a.y - ux * NODE_RADIUS)} Q ${round(ox + uy * 14)} ${round(oy - ux * 14)} ${round(ox)} ${round(oy)} Q ${round(ox - uy * 14)} ${round(oy + ux * 14)} ${round(a.x - uy * NODE_RADIUS)} ${round(a.y + ux * NODE_RADIUS)}`,
        labelX: round(ox + ux * 8),
        labelY: round(oy + uy * 8),
      });
      continue;
    }
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy);
    const ux = dx / len;
    const uy = dy / len;
    // bend to the right of the direction of travel, so A→B and B→A do not overlap
    const bend = Math.min(40, len * 0.15);
    const cx = (a.x + b.x) / 2 - uy * bend;
    const cy = (a.y + b.y) / 2 + ux * bend;
    const start = { x: a.x + ux * NODE_RADIUS, y: a.y + uy * NODE_RADIUS };
    const end = { x: b.x - ux * (NODE_RADIUS + 3), y: b.y - uy * (NODE_RADIUS + 3) };
    graphEdges.push({
      ...e,
      path: `M ${round(start.x)} ${round(start.y)} Q ${round(cx)} ${round(cy)} ${round(end.x)} ${round(end.y)}`,
      labelX: round(0.25 * start.x + 0.5 * cx + 0.25 * end.x),
      labelY: round(0.25 * start.y + 0.5 * cy + 0.25 * end.y),
    });
  }
  return { size, nodes, edges: graphEdges, hiddenAgents: Math.max(0, ranked.length - shown.length) };
}
