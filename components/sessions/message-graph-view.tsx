// "Who talks to whom": the graph drawn from the session's message counts, with the same
// figures as a table for screen readers and exact reading.
import { formatCount } from "@/components/ui/format-count";
import { layoutMessageGraph, NODE_RADIUS } from "@/lib/sessions/message-graph";
import type { MessageEdge } from "@/lib/sessions/session-records";

export function MessageGraphView({ edges }: { edges: MessageEdge[] }) {
  if (edges.length === 0) return null;
  const graph = layoutMessageGraph(edges);
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${graph.size} ${graph.size}`}
        className="mx-auto w-full max-w-[360px]"
        role="img"
        aria-label="Graph of who sends messages to whom; the table below lists the counts"
      >
        <defs>
          <marker
            id="msg-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerUnits="userSpaceOnUse"
            markerWidth="8"
            markerHeight="8"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--fg-subtle)" />
          </marker>
        </defs>
        {graph.edges.map((e) => (
          <g key={`${e.from}->${e.to}`}>
            <path
              d={e.path}
              fill="none"
              stroke="var(--line-strong)"
              strokeWidth={Math.min(4, 1 + Math.log2(e.count))}
              markerEnd="url(#msg-arrow)"
            />
            <text
              x={e.labelX}
              y={e.labelY}
              textAnchor="middle"
              dominantBaseline="middle"
              fontSize={10}
              fill="var(--fg-muted)"
              paintOrder="stroke"
              stroke="var(--surface)"
              strokeWidth={3}
            >
              {e.count}
            </text>
          </g>
        ))}
        {graph.nodes.map((n) => (
          <g key={n.name}>
            <circle cx={n.x} cy={n.y} r={NODE_RADIUS} fill="var(--accent)" />
            <text
              x={n.x}
              y={n.y + (n.y > graph.size / 2 ? 20 : -13)}
              textAnchor="middle"
              fontSize={11}
              fill="var(--fg)"
              paintOrder="stroke"
              stroke="var(--surface)"
              strokeWidth={3}
            >
              {n.name.length > 18 ? `${n.name.slice(0, 17)}…` : n.name}
            </text>
          </g>
        ))}
      </svg>
      {graph.hiddenAgents > 0 && (
        <figcaption className="text-center text-xs text-fg-subtle">
          {graph.hiddenAgents} less active agents left out of the graph; all are in the table.
        </figcaption>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer text-fg-muted">Message counts as a table</summary>
        <table className="mt-1 w-full">
          <caption className="sr-only">Messages per sender and receiver</caption>
          <thead className="text-left text-fg-muted">
            <tr>
              <th scope="col" className="py-0.5 font-medium">
                From
              </th>
              <th scope="col" className="py-0.5 font-medium">
                To
              </th>
              <th scope="col" className="py-0.5 text-right font-medium">
                Messages
              </th>
            </tr>
          </thead>
          <tbody>
            {edges.map((e) => (
              <tr key={`${e.from}->${e.to}`} className="border-t border-line">
                <td className="py-0.5">{e.from}</td>
                <td className="py-0.5">{e.to}</td>
                <td className="py-0.5 text-right tabular-nums">{formatCount(e.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
