// TAC Bootstrap-style sessions: an ADW workflow (8-hex adw_id) runs an orchestrator agent
// whose runtime agents (planner, builder, tester, reviewer, sometimes a documenter) nest
// under it via parentRunId. Every prompt reports tokens, cost_usd and latency_ms; agent_logs
// carry log_type (state_change, milestone, tool_call, performance, cost_update, error) and
// system_logs a component (orchestrator, database, websocket, api).
import type { DemoStyle, RunHandle, SessionBuilder, StyleInput } from "../builder";
import { MODELS, type CallSize, type ModelId } from "../models";
import { cycle, stableUuid } from "../random";

interface Definition {
  name: string;
  type: string;
  model: ModelId;
  capabilities: readonly string[];
}

const DEFS = {
  orchestrator: {
    name: "adw_orchestrator",
    type: "orchestrator",
    model: MODELS.sonnet,
    capabilities: ["classify_issue", "generate_branch_name", "commit", "pull_request"],
  },
  planner: {
    name: "sdlc_planner",
    type: "planner",
    model: MODELS.opus,
    capabilities: ["plan_feature", "plan_bug", "plan_chore"],
  },
  builder: { name: "sdlc_implementor", type: "builder", model: MODELS.sonnet, capabilities: ["implement", "patch"] },
  tester: {
    name: "sdlc_tester",
    type: "tester",
    model: MODELS.sonnet,
    capabilities: ["test", "resolve_failed_test", "test_e2e"],
  },
  reviewer: { name: "sdlc_reviewer", type: "reviewer", model: MODELS.sonnet, capabilities: ["review", "screenshot"] },
  documenter: { name: "sdlc_documenter", type: "utility", model: MODELS.haiku, capabilities: ["document"] },
} as const satisfies Record<string, Definition>;

const ISSUES = [
  {
    number: 142,
    kind: "feature",
    title: "Add avatar upload to the user profile page",
    slug: "avatar-upload",
    files: ["app/server/routes/profile.py", "app/client/src/ProfileAvatar.tsx", "app/server/tests/test_profile.py"],
  },
  {
    number: 157,
    kind: "bug",
    title: "Natural-language query returns duplicate rows for joins",
    slug: "nlq-duplicate-rows",
    files: ["app/server/core/sql_generator.py", "app/server/tests/test_sql_generator.py"],
  },
  {
    number: 163,
    kind: "chore",
    title: "Upgrade FastAPI and pydantic to v2",
    slug: "pydantic-v2",
    files: ["app/server/pyproject.toml", "app/server/core/models.py"],
  },
  {
    number: 171,
    kind: "feature",
    title: "Export query results as CSV and JSON",
    slug: "export-results",
    files: ["app/server/routes/export.py", "app/client/src/ExportMenu.tsx"],
  },
  {
    number: 178,
    kind: "bug",
    title: "WebSocket disconnects after 60 seconds idle",
    slug: "ws-idle-timeout",
    files: ["app/server/ws/manager.py", "app/client/src/ws.ts"],
  },
  {
    number: 186,
    kind: "feature",
    title: "Random query generator for the demo database",
    slug: "random-query",
    files: ["app/server/core/random_query.py", "app/client/src/RandomQueryButton.tsx"],
  },
] as const;

const WORKFLOWS = [
  "adw_sdlc_iso",
  "adw_plan_build_test_review_iso",
  "adw_plan_build_review_iso",
  "adw_plan_build_test_iso",
] as const;
const TOOLS = ["Read", "Edit", "Grep", "Bash", "Write", "Glob"] as const;

export const tacStyle: DemoStyle = {
  source: "tac",
  runningStatus: "executing",
  sessionId: (ids) => ids.hex(8),
  generate,
};

function generate({ b, outcome, ordinal }: StyleInput): void {
  const { rng } = b;
  const sid = b.sessionId;
  const issue = cycle(ISSUES, ordinal + rng.int(0, 2));
  const workflow = rng.pick(WORKFLOWS);
  const withTests = workflow.includes("test");
  const withReview = workflow.includes("review");
  const withDocs = workflow === "adw_sdlc_iso";
  const branch = `${issue.kind === "bug" ? "bug" : issue.kind === "chore" ? "chore" : "feat"}-issue-${issue.number}-adw-${sid}-${issue.slug}`;
  const planFile = `specs/issue-${issue.number}-adw-${sid}-sdlc_planner-${issue.slug}.md`;
  // where a failed or cancelled workflow stops
  const steps = [
    "plan",
    "build",
    ...(withTests ? ["test"] : []),
    ...(withReview ? ["review"] : []),
    ...(withDocs ? ["document"] : []),
  ];
  const stopAt =
    outcome === "completed"
      ? undefined
      : outcome === "cancelled"
        ? "build"
        : rng.pick(steps.filter((s) => s !== "plan"));

  b.session({
    title: `#${issue.number} ${issue.title}`,
    mission: `${issue.kind}: ${issue.title}`,
    kind: workflow,
    status: "initializing",
    phase: "plan",
    project: "tac-natural-language-sql",
    workDir: `trees/${sid}`,
    startedAt: b.iso(),
    metadata: { adw_id: sid, issue_number: issue.number, issue_class: `/${issue.kind}`, branch_name: branch },
  });
  for (const def of Object.values(DEFS)) {
    if (def === DEFS.documenter && !withDocs) continue;
    b.emit("agent", {
      agentId: stableUuid(`tac:${def.name}`),
      name: def.name,
      type: def.type,
      kind: "definition",
      model: def.model,
      capabilities: [...def.capabilities],
      status: "active",
    });
  }
  sys(b, "orchestrator", "info", `Workflow ${workflow} started for issue #${issue.number} (adw_id ${sid})`, {
    workflow,
    adw_id: sid,
  });
  b.wait(200, 1500);
  sys(b, "database", "debug", `Agent records created for session ${sid}`, { table: "agents" });

  const orch = b.startRun(
    runSpec(b, DEFS.orchestrator, undefined, 0, "orchestrate", `Run ${workflow} for issue #${issue.number}`),
    "initializing",
  );
  agentLog(b, orch, "info", "state_change", "initializing → executing", { from: "initializing", to: "executing" });
  b.wait(300, 2000);
  prompt(
    b,
    orch,
    MODELS.haiku,
    "small",
    "command",
    "/classify_issue",
    `Classify issue #${issue.number}: ${issue.title}`,
    `/${issue.kind}`,
  );
  prompt(
    b,
    orch,
    MODELS.haiku,
    "small",
    "command",
    "/generate_branch_name",
    `Branch name for ${issue.kind} #${issue.number}`,
    branch,
  );
  sys(b, "websocket", "debug", "Broadcast agent_status_update to 2 client(s)", {
    event: "agent_status_update",
    clients: 2,
  });

  let failed: { step: string; error: string } | undefined;
  let step = 0;
  const child = (
    def: Definition,
    stepName: string,
    status: string,
    input: string,
    work: (run: RunHandle) => string | undefined,
  ): boolean => {
    step += 1;
    b.wait(1000, 5000);
    b.session({ status, phase: stepName });
    const messageId = b.ids.uuid();
    b.emit("message", {
      messageId,
      sessionId: sid,
      from: DEFS.orchestrator.name,
      to: def.name,
      kind: "delegate",
      content: input,
      context: { adw_id: sid, step: stepName, branch },
    });
    const run = b.startRun(runSpec(b, def, orch.runId, step, stepName, input), "initializing");
    b.wait(400, 2500);
    agentLog(b, run, "info", "state_change", `initializing → ${status}`, { from: "initializing", to: status });
    sys(b, "websocket", "debug", `Broadcast agent_status_update (${def.name}: ${status})`, {
      event: "agent_status_update",
      agent: def.name,
      status,
    });
    const error = work(run);
    if (error !== undefined) {
      if (outcome === "cancelled") {
        agentLog(b, run, "warning", "state_change", `${status} → cancelled`, {
          from: status,
          to: "cancelled",
          reason: error,
        });
        b.endRun(run, "cancelled", { error, reportCost: true });
      } else {
        agentLog(b, run, "error", "error", error, { step: stepName, retryable: false });
        b.endRun(run, "failed", { error, reportCost: true });
      }
      failed = { step: stepName, error };
      return false;
    }
    agentLog(b, run, "info", "cost_update", `Agent cost $${run.costUsd.toFixed(4)} across ${run.calls} prompt(s)`, {
      cost_usd: Math.round(run.costUsd * 1e6) / 1e6,
      prompts: run.calls,
    });
    b.endRun(run, "completed", { output: `${stepName} completed`, reportCost: true });
    b.emit("message", {
      messageId: b.ids.uuid(),
      sessionId: sid,
      from: def.name,
      to: DEFS.orchestrator.name,
      kind: "result",
      content: `${stepName} completed`,
      replyTo: messageId,
    });
    return true;
  };

  const ok =
    child(DEFS.planner, "plan", "planning", `/${issue.kind} ${issue.number} ${sid}`, (run) => {
      tools(b, run, rng.int(2, 5));
      prompt(
        b,
        run,
        DEFS.planner.model,
        "large",
        "adw",
        `/${issue.kind}`,
        `Create a plan for ${issue.kind} #${issue.number}: ${issue.title}`,
        `Plan written to ${planFile}: 6 steps, ${issue.files.length} files, validation commands included.`,
        true,
      );
      agentLog(b, run, "info", "milestone", `Plan file created: ${planFile}`, { plan_file: planFile });
      return undefined;
    }) &&
    child(DEFS.builder, "build", "executing", `/implement ${planFile}`, (run) => {
      prompt(
        b,
        run,
        DEFS.builder.model,
        "large",
        "adw",
        "/implement",
        `Implement the plan in ${planFile}`,
        `Implemented ${issue.files.length} file(s): ${issue.files.join(", ")}`,
      );
      tools(b, run, rng.int(4, 10), issue.files);
      if (stopAt === "build") {
        if (outcome === "cancelled") {
          sys(b, "websocket", "warning", "Client requested cancellation of the running workflow", { adw_id: sid });
          return "Cancelled by user from the dashboard";
        }
        prompt(
          b,
          run,
          DEFS.builder.model,
          "large",
          "followup",
          "/implement",
          "Continue the implementation",
          undefined,
          false,
          "overloaded_error: Overloaded (HTTP 529)",
        );
        return "Claude Code exited with code 1 after 3 retries: overloaded_error";
      }
      prompt(
        b,
        run,
        DEFS.builder.model,
        "medium",
        "followup",
        "/implement",
        "Run the validation commands from the plan and fix what fails",
        "All validation commands pass.",
      );
      agentLog(b, run, "info", "milestone", `Implementation committed on ${branch}`, { files: issue.files });
      return undefined;
    }) &&
    (!withTests ||
      child(DEFS.tester, "test", "executing", "/test", (run) => {
        const total = rng.int(24, 140);
        const failing =
          stopAt === "test"
            ? rng.int(2, 4)
            : rng.weighted([
                [0, 6],
                [1, 3],
                [2, 1],
              ] as const);
        prompt(
          b,
          run,
          DEFS.tester.model,
          "medium",
          "adw",
          "/test",
          "Run the test suite and report results as JSON",
          `${total - failing}/${total} passed`,
        );
        agentLog(b, run, "info", "performance", `Test suite ran in ${rng.round(8, 95, 1)}s`, { total, failing });
        for (let attempt = 1; attempt <= (stopAt === "test" ? 3 : failing); attempt++) {
          prompt(
            b,
            run,
            DEFS.tester.model,
            "medium",
            "correction",
            "/resolve_failed_test",
            `Resolve failing test (attempt ${attempt})`,
            attempt < 3 || stopAt !== "test" ? "Fixed assertion and fixture." : "Could not resolve.",
          );
        }
        if (stopAt === "test")
          return `Tests failed after 3 resolution attempts: ${failing} failing test(s) in ${cycle(issue.files, 2)}`;
        agentLog(b, run, "info", "milestone", `All ${total} tests passing`, { total });
        return undefined;
      })) &&
    (!withReview ||
      child(DEFS.reviewer, "review", "reviewing", `/review ${planFile}`, (run) => {
        prompt(
          b,
          run,
          DEFS.reviewer.model,
          "large",
          "adw",
          "/review",
          `Review the implementation against ${planFile}`,
          stopAt === "review"
            ? "Blocker: feature not reachable from the UI."
            : "success: true, 0 blockers, 1 tech-debt note",
          true,
        );
        agentLog(b, run, "info", "tool_call", "Captured 3 review screenshots", { tool: "playwright", screenshots: 3 });
        if (stopAt === "review") return "Review found 1 blocker that the patch step could not resolve";
        return undefined;
      })) &&
    (!withDocs ||
      child(DEFS.documenter, "document", "executing", "/document", (run) => {
        prompt(
          b,
          run,
          DEFS.documenter.model,
          "medium",
          "adw",
          "/document",
          `Document ${issue.slug}`,
          `Wrote app_docs/feature-${sid}-${issue.slug}.md`,
        );
        if (stopAt === "document") return "Documentation step timed out after 600s";
        return undefined;
      }));

  b.wait(800, 4000);
  if (ok) {
    prompt(
      b,
      orch,
      MODELS.haiku,
      "small",
      "command",
      "/commit",
      "Write a commit message",
      `${issue.kind}: ${issue.title.toLowerCase()} (#${issue.number})`,
    );
    prompt(
      b,
      orch,
      MODELS.sonnet,
      "small",
      "command",
      "/pull_request",
      "Open a pull request",
      `PR #${issue.number + rng.int(40, 90)} opened`,
    );
    sys(b, "api", "info", `Pull request created for ${branch}`, { branch });
    agentLog(b, orch, "info", "cost_update", `Workflow cost so far $${orch.costUsd.toFixed(4)}`, {
      cost_usd: Math.round(orch.costUsd * 1e6) / 1e6,
    });
    b.endRun(orch, "completed", { output: `Workflow ${workflow} completed`, reportCost: true });
    b.session({ status: "completed", phase: "done", endedAt: b.iso() });
    return;
  }
  const stop = failed ?? { step: "unknown", error: "workflow stopped" };
  if (outcome === "cancelled") {
    sys(b, "orchestrator", "warning", `Workflow cancelled at step ${stop.step}`, { adw_id: sid });
    b.endRun(orch, "cancelled", { error: stop.error, reportCost: true });
    b.session({ status: "cancelled", endedAt: b.iso() });
    return;
  }
  sys(b, "orchestrator", "critical", `Workflow ${workflow} failed at step ${stop.step}: ${stop.error}`, {
    adw_id: sid,
    step: stop.step,
  });
  b.endRun(orch, "failed", { error: `Step ${stop.step} failed: ${stop.error}`, reportCost: true });
  b.session({ status: "failed", endedAt: b.iso() });
}

function runSpec(
  b: SessionBuilder,
  def: Definition,
  parentRunId: string | undefined,
  step: number,
  stepName: string,
  input: string,
) {
  return {
    runId: b.ids.uuid(),
    agentType: def.type,
    agentId: stableUuid(`tac:${def.name}`),
    parentRunId,
    model: def.model,
    step,
    stepName,
    input,
    metadata: { agent_name: def.name },
  };
}

function prompt(
  b: SessionBuilder,
  run: RunHandle,
  model: ModelId,
  size: CallSize,
  promptType: string,
  promptName: string,
  text: string,
  response?: string,
  thinking = false,
  error?: string,
): void {
  b.wait(1000, 20_000);
  const usage = b.call(run, {
    model,
    size,
    promptType,
    promptName,
    prompt: text,
    response,
    thinking,
    reportCost: true,
    error,
  });
  if (!error)
    agentLog(b, run, "debug", "performance", `${promptName} completed in ${usage.latencyMs} ms`, {
      latency_ms: usage.latencyMs,
      tokens_input: usage.inputTokens,
      tokens_output: usage.outputTokens,
    });
  // Claude Code sessions behind a prompt take minutes, not just the model latency
  if (size !== "small") b.wait(20_000, size === "large" ? 400_000 : 120_000);
}

function tools(
  b: SessionBuilder,
  run: RunHandle,
  count: number,
  files: readonly string[] = ["README.md", "app/server/main.py"],
): void {
  for (let i = 0; i < count; i++) {
    const tool = b.rng.pick(TOOLS);
    const file = cycle(files, i);
    b.wait(2000, 45_000);
    b.call(run, {
      model: MODELS.sonnet,
      size: "small",
      promptType: "tool_call",
      promptName: tool,
      prompt: `${tool}(${file})`,
      response: `${tool} ok`,
      reportCost: true,
    });
    agentLog(b, run, "debug", "tool_call", `${tool} ${file}`, { tool, file });
  }
}

function agentLog(
  b: SessionBuilder,
  run: RunHandle,
  level: string,
  kind: string,
  message: string,
  details: Record<string, unknown>,
): void {
  b.log({
    runId: run.runId,
    agentType: run.agentType,
    agentId: run.agentId,
    level: level.toUpperCase(),
    kind,
    component: "agent",
    message,
    details,
  });
}

function sys(
  b: SessionBuilder,
  component: string,
  level: string,
  message: string,
  details: Record<string, unknown>,
): void {
  b.log({ level: level.toUpperCase(), kind: "system", component, message, details });
}
