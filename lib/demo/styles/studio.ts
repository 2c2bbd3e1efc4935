// Autonomous Software Studio-style sessions: a LangGraph workflow through the phases
// pm → arch → human_gate → eng → qa (→ eng again on QA failure) → complete. Each node writes
// a checkpoint (checkpoint_id / parent_checkpoint_id chain), agent_executions report
// tokens_used, artifacts are PRD, tech spec, scaffold, code, tests and bug reports with
// content hashes, and audit_log rows record session_created / session_approved / ….
import { compact, type DemoStyle, type RunHandle, type SessionBuilder, type StyleInput } from "../builder";
import { MODELS, type ModelId } from "../models";
import { cycle, type Rng } from "../random";

const MISSIONS = [
  {
    mission: "Build a REST API for a todo app with user accounts, due dates and e-mail reminders.",
    project: "todo-api",
    stack: "FastAPI + PostgreSQL",
    files: ["app/main.py", "app/models.py", "app/routes/todos.py", "app/reminders.py"],
  },
  {
    mission: "Create a URL shortener with click analytics and an admin dashboard.",
    project: "shortlink",
    stack: "Next.js + SQLite",
    files: ["src/app/api/links/route.ts", "src/lib/slug.ts", "src/app/admin/page.tsx"],
  },
  {
    mission: "Write a CLI that syncs a local Markdown folder to a Notion workspace.",
    project: "md2notion",
    stack: "Python + Typer",
    files: ["md2notion/cli.py", "md2notion/sync.py", "md2notion/notion_client.py"],
  },
  {
    mission: "Build an inventory tracker for a small bakery with low-stock alerts.",
    project: "bakery-inventory",
    stack: "Django + HTMX",
    files: ["inventory/models.py", "inventory/views.py", "inventory/alerts.py"],
  },
  {
    mission: "Create a Slack bot that summarizes the on-call incident channel every morning.",
    project: "oncall-digest",
    stack: "Node.js + Bolt",
    files: ["src/app.ts", "src/summarize.ts", "src/schedule.ts"],
  },
  {
    mission: "Implement a markdown-based personal knowledge base with full-text search.",
    project: "kb-lite",
    stack: "Go + Bleve",
    files: ["cmd/kb/main.go", "internal/index/index.go", "internal/web/handlers.go"],
  },
] as const;

const BUGS = [
  "Reminder job sends duplicates when two workers run",
  "Pagination skips the last item when count is a multiple of the page size",
  "Unicode slugs are not normalized before lookup",
  "Timezone offset ignored for due dates",
  "Search returns deleted documents",
] as const;

const ROLES = {
  pm: { name: "Product Manager", output: "PRD" },
  arch: { name: "Architect", output: "Tech spec and scaffold" },
  eng: { name: "Engineer", output: "Implementation" },
  qa: { name: "QA Engineer", output: "Test report" },
} as const;

type Role = keyof typeof ROLES;

const MAX_QA_ITERATIONS = 3;

export const studioStyle: DemoStyle = {
  source: "studio",
  runningStatus: "running",
  sessionId: (ids) => ids.uuid(),
  generate,
};

function sha256(rng: Rng): string {
  let out = "";
  for (let i = 0; i < 64; i++) out += "0123456789abcdef"[rng.int(0, 15)];
  return out;
}

function generate({ b, outcome, ordinal }: StyleInput): void {
  const { rng } = b;
  const sid = b.sessionId;
  const m = cycle(MISSIONS, ordinal + rng.int(0, 1));
  const workDir = `/var/lib/studio/work/${sid.slice(0, 8)}`;
  // agent_settings profiles: mostly the sonnet default, sometimes changed by the user
  const models: Record<Role, ModelId> = {
    pm: MODELS.sonnet,
    arch: rng.chance(0.4) ? MODELS.opus : MODELS.sonnet,
    eng: MODELS.sonnet,
    qa: rng.pick([MODELS.sonnet, MODELS.gpt4o, MODELS.haiku]),
  };
  const qaFailures =
    outcome === "failed"
      ? MAX_QA_ITERATIONS
      : rng.weighted([
          [0, 5],
          [1, 3],
          [2, 1],
        ] as const);
  const ip = `10.0.${rng.int(0, 9)}.${rng.int(2, 250)}`;
  // prompt_versions: the active version of each profile's prompt
  const versions: Record<Role, number> = {
    pm: rng.int(1, 4),
    arch: rng.int(1, 3),
    eng: rng.int(2, 6),
    qa: rng.int(1, 3),
  };

  let iteration = 0;
  let step = 0;
  let checkpoint: string | undefined;
  let artifactRow = 0;
  const log: Array<{ phase: string; agent?: string; at: string; summary: string }> = [];
  const artifacts: string[] = [];

  const audit = (eventType: string, userAction?: string, details: Record<string, unknown> = {}): void => {
    b.log({
      kind: "audit",
      component: "audit_log",
      message: eventType,
      details: compact({
        event_type: eventType,
        user_action: userAction,
        ip_address: userAction ? ip : undefined,
        ...details,
      }),
    });
  };
  const save = (node: string, phase: string, writes: Record<string, unknown>): void => {
    const id = b.ids.uuid();
    b.emit("state", {
      sessionId: sid,
      kind: "checkpoint",
      checkpointId: id,
      parentCheckpointId: checkpoint,
      data: {
        v: 1,
        ts: b.iso(),
        channel_values: {
          session_id: sid,
          current_phase: phase,
          iteration_count: iteration,
          qa_passed: phase === "complete",
          artifacts: [...artifacts],
        },
      },
      metadata: { source: step === 0 ? "input" : "loop", step, writes: { [node]: writes }, thread_id: sid },
    });
    checkpoint = id;
    step += 1;
  };
  const artifact = (run: RunHandle | undefined, type: string, path: string, content: string, version = 1): void => {
    b.wait(500, 4000);
    b.emit("artifact", {
      artifactId: `${sid}:artifact:${++artifactRow}`,
      sessionId: sid,
      runId: run?.runId,
      type,
      name: path.split("/").pop() ?? path,
      path,
      contentHash: sha256(rng),
      version,
      content,
    });
    artifacts.push(path);
  };
  const phase = (name: string, status = "running"): void => {
    b.session({ status, phase: name, iteration });
    log.push({ phase: name, at: b.iso(), summary: `entered ${name}` });
    // sessions.state_json as it is rewritten on every phase change
    b.emit("state", {
      sessionId: sid,
      kind: "state_json",
      data: {
        current_phase: name,
        status,
        iteration_count: iteration,
        execution_log: log.slice(-8),
        artifacts: [...artifacts],
      },
    });
  };
  const execute = (role: Role, input: string, calls: number, work: (run: RunHandle) => void): RunHandle => {
    audit("agent_started", undefined, { agent_type: role });
    b.log({
      kind: "node",
      component: "langgraph",
      level: "debug",
      iteration,
      message: `Entering node ${role}`,
      details: { node: role, step, checkpoint_id: checkpoint },
    });
    const run = b.startRun(
      {
        runId: b.ids.uuid(),
        agentType: role,
        agentId: role,
        model: models[role],
        step,
        stepName: role,
        input,
        metadata: { prompt_version: versions[role] },
      },
      "running",
    );
    for (let i = 0; i < calls; i++) {
      b.wait(2000, 40_000);
      const size = role === "eng" ? (i === 0 ? "large" : "medium") : i === 0 ? "medium" : "small";
      b.call(run, {
        model: models[role],
        size,
        promptName: `${role}_v${versions[role]}`,
        promptType: "agent",
        prompt: i === 0 ? input : "Continue; address the remaining items.",
        response: `${ROLES[role].output} draft ${i + 1}/${calls}`,
        thinking: role === "arch",
      });
      if (role === "eng" || role === "qa") {
        b.log({
          kind: "tool_call",
          component: role,
          level: "debug",
          runId: run.runId,
          agentType: role,
          agentId: role,
          iteration,
          message:
            role === "eng"
              ? `write_file ${cycle(m.files, i)}`
              : `run_tests -k ${cycle(m.files, i).split("/").pop() ?? ""}`,
          details: { tool: role === "eng" ? "write_file" : "run_tests" },
        });
      }
    }
    work(run);
    return run;
  };
  const finish = (run: RunHandle, status: string, output: string, error?: string): void => {
    b.endRun(run, status, {
      output,
      error,
      reportTokens: true,
      metadata: { duration_seconds: Math.round((b.t - run.startedAt) / 10) / 100 },
    });
    if (status === "completed")
      audit("agent_completed", undefined, { agent_type: run.agentType, tokens_used: run.tokens });
    log.push({ phase: run.agentType, agent: run.agentType, at: b.iso(), summary: output });
  };

  // ---- created ----
  b.session({
    title: m.mission.split(/[.,]/)[0],
    mission: m.mission,
    status: "pending",
    phase: "pm",
    iteration: 0,
    qaPassed: false,
    project: m.project,
    workDir,
    startedAt: b.iso(),
    metadata: { stack: m.stack },
  });
  audit("session_created", "create_session", { project_name: m.project });
  for (const role of Object.keys(ROLES) as Role[]) {
    b.emit("agent", {
      agentId: role,
      name: ROLES[role].name,
      type: role,
      kind: "definition",
      model: models[role],
      config: {
        provider: models[role].startsWith("gpt") ? "openai" : "anthropic",
        auth_type: "api_key",
        usage_unit: "runs",
        daily_limit: 0,
      },
    });
  }
  b.wait(1000, 8000);
  save("__start__", "pm", { user_mission: m.mission });

  // ---- pm ----
  phase("pm");
  const pm = execute("pm", m.mission, rng.int(2, 4), (run) => {
    artifact(
      run,
      "prd",
      "docs/PRD.md",
      `# PRD: ${m.project}\n\n## Goal\n${m.mission}\n\n## User stories\n- As a user I can sign in\n- As a user I can ${m.mission.toLowerCase().split(" ").slice(1, 6).join(" ")}\n\n## Out of scope\n- Mobile apps`,
    );
  });
  finish(pm, "completed", "PRD with 6 user stories and acceptance criteria");
  save("pm", "arch", { prd: "docs/PRD.md" });

  // ---- arch ----
  phase("arch");
  const arch = execute("arch", "Design the system from docs/PRD.md", rng.int(3, 5), (run) => {
    artifact(
      run,
      "tech_spec",
      "docs/TECH_SPEC.md",
      `# Tech spec: ${m.project}\n\n**Stack:** ${m.stack}\n\n## Components\n${m.files.map((f) => `- \`${f}\``).join("\n")}\n\n## Data model\n- users(id, email, created_at)\n\n## Risks\n- rate limits of third-party APIs`,
    );
    artifact(
      run,
      "scaffold",
      "scripts/scaffold.sh",
      `#!/usr/bin/env bash\nset -euo pipefail\nmkdir -p ${[...new Set(m.files.map((f) => f.split("/").slice(0, -1).join("/")))].join(" ")}\ntouch ${m.files.join(" ")}`,
    );
  });
  finish(arch, "completed", `Tech spec (${m.stack}) and scaffold script`);
  save("arch", "human_gate", { tech_spec: "docs/TECH_SPEC.md" });

  // ---- human gate: the workflow pauses until someone approves PRD and spec ----
  b.wait(500, 3000);
  phase("human_gate", "awaiting_approval");
  const gate = b.startRun(
    { runId: b.ids.uuid(), agentType: "human_gate", stepName: "human_gate", step, input: "Approve PRD and tech spec" },
    "awaiting_approval",
  );
  const request = b.ids.uuid();
  b.emit("message", {
    messageId: request,
    sessionId: sid,
    from: "studio",
    to: "reviewer",
    kind: "approval_request",
    content: "PRD and tech spec are ready for review.",
    context: { artifacts: ["docs/PRD.md", "docs/TECH_SPEC.md"], checkpoint_id: checkpoint },
  });
  b.mark("gate");
  const gateOpened = b.t;
  b.wait(120_000, 9_000_000);
  b.avoidCut(gateOpened, b.t);
  b.emit("message", {
    messageId: b.ids.uuid(),
    sessionId: sid,
    from: "reviewer",
    to: "studio",
    kind: "approval",
    content: rng.pick([
      "Approved.",
      "LGTM, go ahead.",
      "Approved — keep the first version small.",
      "Approved with note: add rate limiting later.",
    ]),
    replyTo: request,
  });
  audit("session_approved", "approve", { phase: "human_gate" });
  b.endRun(gate, "approved", { output: "approved" });
  save("human_gate", "eng", { approved: true });

  // ---- eng ⇄ qa until QA passes or the iteration limit is hit ----
  let passed = false;
  let bug: string | undefined;
  while (!passed && iteration < MAX_QA_ITERATIONS) {
    b.wait(1000, 6000);
    phase("eng");
    const eng = execute(
      "eng",
      bug ? `Fix bug report: ${bug}` : "Implement the tech spec",
      bug ? rng.int(2, 4) : rng.int(4, 7),
      (run) => {
        artifact(
          run,
          "code",
          cycle(m.files, iteration),
          `// ${m.project}: ${bug ? `fix for "${bug}"` : "initial implementation"}\n`,
          iteration + 1,
        );
        if (!bug)
          artifact(
            run,
            "test",
            `tests/test_${m.project.replace(/-/g, "_")}.py`,
            "def test_smoke():\n    assert app is not None\n",
          );
      },
    );
    finish(eng, "completed", bug ? `Fixed: ${bug}` : `Implemented ${m.files.length} files`);
    save("eng", "qa", { files: [...m.files] });

    phase("qa");
    const qa = execute("qa", "Run the test plan against the implementation", rng.int(2, 4), () => undefined);
    if (iteration < qaFailures) {
      bug = cycle(BUGS, ordinal + iteration);
      iteration += 1;
      artifact(
        qa,
        "bug_report",
        `reports/bug_report_${iteration}.md`,
        `# Bug report ${iteration}\n\n**Severity:** ${rng.pick(["high", "medium"])}\n\n${bug}\n\nSteps to reproduce included.`,
        iteration,
      );
      finish(qa, "completed", `QA failed: ${bug}`);
      b.log({
        level: "warn",
        kind: "qa_result",
        component: "qa",
        iteration,
        runId: qa.runId,
        agentType: "qa",
        agentId: "qa",
        message: `QA iteration ${iteration} failed: ${bug}`,
      });
      save("qa", "eng", { qa_passed: false, bug_report: `reports/bug_report_${iteration}.md` });
    } else {
      passed = true;
      finish(qa, "completed", `All checks passed (${rng.int(18, 80)} tests)`);
      save("qa", "complete", { qa_passed: true });
    }
  }

  const state = { execution_log: log, artifacts };
  if (passed) {
    b.wait(500, 3000);
    b.session({ status: "completed", phase: "complete", iteration, qaPassed: true, endedAt: b.iso(), state });
    audit("session_completed");
    metrics(b, rng, iteration);
    return;
  }
  const error = `QA did not pass after ${MAX_QA_ITERATIONS} iterations; last bug: ${bug ?? "unknown"}`;
  b.log({ level: "error", kind: "error", component: "workflow", iteration, message: error });
  audit("session_failed", undefined, { reason: error });
  b.session({ status: "failed", phase: "qa", iteration, qaPassed: false, endedAt: b.iso(), state });
  metrics(b, rng, iteration);
}

function metrics(b: SessionBuilder, rng: Rng, iteration: number): void {
  const labels = { session_id: b.sessionId };
  b.emit("metric", {
    name: "session_duration_seconds",
    value: Math.round(b.t / 1000),
    unit: "s",
    sessionId: b.sessionId,
    labels,
  });
  b.emit("metric", { name: "qa_iterations", value: iteration, sessionId: b.sessionId, labels });
  b.emit("metric", {
    name: "artifact_generation_seconds",
    value: rng.round(4, 40, 2),
    unit: "s",
    sessionId: b.sessionId,
    labels: { ...labels, artifact_type: "code" },
  });
}
