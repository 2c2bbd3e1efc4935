// Links to a session's page. URLs carry the orchestrator's id (URL-encoded); a project is
// added only where the id alone may name sessions in several projects.
export type SessionTab =
  "timeline" | "logs" | "messages" | "tasks" | "state" | "decisions" | "artifacts" | "gates" | "usage" | "source";

export const SESSION_TABS: readonly { id: SessionTab; label: string }[] = [
  { id: "timeline", label: "Timeline" },
  { id: "logs", label: "Logs" },
  { id: "messages", label: "Messages" },
  { id: "tasks", label: "Tasks" },
  { id: "state", label: "State" },
  { id: "decisions", label: "Decisions" },
  { id: "artifacts", label: "Artifacts" },
  { id: "gates", label: "Gates" },
  { id: "usage", label: "Usage" },
  { id: "source", label: "Source records" },
];

export function parseSessionTab(value: string | string[] | undefined): SessionTab {
  const v = Array.isArray(value) ? value[0] : value;
  return SESSION_TABS.find((t) => t.id === v)?.id ?? "timeline";
}

export function sessionHref(externalId: string, options: { project?: string; tab?: SessionTab } = {}): string {
  const params = new URLSearchParams();
  if (options.project) params.set("project", options.project);
  if (options.tab && options.tab !== "timeline") params.set("tab", options.tab);
  const query = params.toString();
  return `/sessions/${encodeURIComponent(externalId)}${query ? `?${query}` : ""}`;
}
