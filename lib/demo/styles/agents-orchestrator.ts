// agents-orchestrator-style sessions (claude-orchestrator): a main Claude Code session talks
// to helper agents over MCP. Agents (session-handover, code-reviewer, sometimes doc-checker)
// are processes with a pid, an MCP port, capabilities and heartbeats; they exchange
// request/response messages (response_to → replyTo), record session_events
// (agent_spawned, file_modified, check_completed, handover_created) and agent_metrics, and
// the handover agent writes a markdown handover document that is validated against rules.
import type { DemoStyle, RunHandle, SessionBuilder, StyleInput } from "../builder";
import { MODELS } from "../models";
import { cycle } from "../random";

const PROJECTS = [
  {
    path: "/Users/klaus/dev/claude-orchestrator",
    name: "claude-orchestrator",
    files: ["src/orchestrator.py", "src/mcp/server.py", "src/agents/registry.py", "tests/test_registry.py"],
  },
  {
    path: "/Users/klaus/dev/guardian",
    name: "guardian",
    files: ["guardian/monitor.py", "guardian/rules.yaml", "guardian/notify.py"],
  },
  {
    path: "/home/klaus/projects/homelab-dashboard",
    name: "homelab-dashboard",
    files: ["web/src/App.svelte", "api/main.go", "api/metrics.go"],
  },
  {
    path: "/Users/klaus/dev/recipe-scraper",
    name: "recipe-scraper",
    files: ["scraper/spider.py", "scraper/parse.py", "scraper/store.py", "tests/test_parse.py"],
  },
] as const;

const REVIEW_FINDINGS = [
  "Unused import in {file}",
  "Function in {file} exceeds 80 lines; consider splitting",
  "Missing error handling around the subprocess call in {file}",
  "Hard-coded path in {file}; read it from config",
  "Test in {file} depends on wall-clock time",
] as const;

interface HelperAgent {
  id: string;
  name: string;
  type: string;
  port: number;
  pid: number;
  capabilities: readonly string[];
}

export const agentsOrchestratorStyle: DemoStyle = {
  source: "agents-orchestrator",
  runningStatus: "active",
  sessionId: (ids, startMs) => `session_${startMs}_${ids.base36(9)}`,
  generate,
};

function generate({ b, ordinal }: StyleInput): void {
  const { rng } = b;
  const sid = b.sessionId;
  const project = cycle(PROJECTS, ordinal + rng.int(0, 1));
  const main = `claude-main-${b.ids.hex(8)}`;
  const claudeSession = b.ids.uuid();
  let msgCount = 0;
  const msgId = (): string => `msg_${b.epoch()}_${b.ids.base36(9)}`;

  b.session({
    title: `${project.name} working session`,
    status: "active",
    project: project.name,
    workDir: project.path,
    startedAt: b.iso(),
    metadata: {
      main_agent_id: main,
      claude_session_id: claudeSession,
      purpose: rng.pick(["feature work", "bug hunt", "refactoring", "release prep"]),
    },
  });

  const helpers: HelperAgent[] = [
    {
      id: `agent_session-handover_${b.epoch(rng.int(300, 2000))}`,
      name: "session-handover",
      type: "handover",
      port: 3100 + rng.int(0, 40),
      pid: rng.int(20_000, 98_000),
      capabilities: ["analyze_session", "generate_handover", "validate_handover"],
    },
    {
      id: `agent_code-reviewer_${b.epoch(rng.int(2100, 4000))}`,
      name: "code-reviewer",
      type: "reviewer",
      port: 3200 + rng.int(0, 40),
      pid: rng.int(20_000, 98_000),
      capabilities: ["review_diff", "check_style", "suggest_tests"],
    },
  ];
  if (rng.chance(0.35)) {
    helpers.push({
      id: `agent_doc-checker_${b.epoch(rng.int(4100, 6000))}`,
      name: "doc-checker",
      type: "doc-checker",
      port: 3300 + rng.int(0, 40),
      pid: rng.int(20_000, 98_000),
      capabilities: ["check_links", "check_docstrings"],
    });
  }
  const [handover, reviewer] = helpers;
  if (!handover || !reviewer) return;
  const checker = helpers[2];

  const heartbeat = (agent: HelperAgent, status: string): void => {
    b.emit("agent", {
      agentId: agent.id,
      name: agent.name,
      type: agent.type,
      kind: "instance",
      status,
      pid: status === "inactive" ? undefined : agent.pid,
      port: agent.port,
      workspacePath: `${project.path}/.agents/${agent.name}`,
      capabilities: [...agent.capabilities],
      config: {
        mcp_port: agent.port,
        model: agent.type === "reviewer" ? MODELS.sonnet : MODELS.haiku,
        max_tokens: 8192,
      },
      heartbeatAt: b.iso(),
    });
  };
  const event = (
    eventType: string,
    agent: HelperAgent | undefined,
    message: string,
    data: Record<string, unknown>,
    level = "info",
  ): void => {
    b.log({
      kind: eventType,
      level,
      component: "session_events",
      agentId: agent?.id,
      agentType: agent?.type,
      message,
      details: data,
    });
  };
  const request = (to: HelperAgent, content: string, context: Record<string, unknown>): string => {
    const id = msgId();
    msgCount += 1;
    b.emit("message", { messageId: id, sessionId: sid, from: main, to: to.id, kind: "request", content, context });
    return id;
  };
  const respond = (
    from: HelperAgent,
    replyTo: string,
    content: string,
    context: Record<string, unknown>,
    kind = "response",
  ): void => {
    msgCount += 1;
    b.emit("message", { messageId: msgId(), sessionId: sid, from: from.id, to: main, kind, content, context, replyTo });
  };
  const task = (agent: HelperAgent, input: string, outputFile: string): RunHandle =>
    b.startRun(
      {
        runId: `${agent.name}_${b.epoch()}_${b.ids.base36(6)}`,
        agentType: agent.type,
        agentId: agent.id,
        model: agent.type === "reviewer" ? MODELS.sonnet : MODELS.haiku,
        input,
        metadata: { output_file: outputFile },
      },
      "busy",
    );

  // ---- spawn helpers ----
  for (const agent of helpers) {
    b.wait(300, 2500);
    heartbeat(agent, "active");
    event("agent_spawned", agent, `Spawned ${agent.name} (pid ${agent.pid}, MCP port ${agent.port})`, {
      pid: agent.pid,
      mcp_port: agent.port,
    });
  }

  // ---- review rounds while the main session edits files ----
  const rounds = rng.int(3, 7);
  const times: number[] = [];
  let tasksDone = 0;
  for (let round = 0; round < rounds; round++) {
    b.wait(120_000, 900_000);
    const files = rng.sample(project.files, rng.int(1, 3));
    for (const file of files)
      event("file_modified", undefined, `Modified ${file}`, { file, lines_changed: rng.int(3, 140) });
    b.wait(5000, 40_000);
    const req = request(reviewer, `Review the changes in ${files.join(", ")}`, {
      files,
      priority: rng.pick(["normal", "high"]),
    });
    const run = task(
      reviewer,
      `Review ${files.join(", ")}`,
      `.orchestrate/orchestrator_system/outputs/${reviewer.name}_latest.txt`,
    );
    heartbeat(reviewer, "busy");
    const began = b.t;
    b.wait(300, 1500);
    if (rng.chance(0.12)) {
      // an MCP call that times out and is retried: shows up as an error message and a failed call
      b.call(run, {
        model: MODELS.sonnet,
        size: "medium",
        prompt: `Review diff for ${files.join(", ")}`,
        error: "MCP request timed out after 30000ms",
      });
      respond(reviewer, req, "MCP request timed out after 30000ms; retrying", { retry: 1 }, "error");
      event("check_failed", reviewer, "Review timed out, retrying", { timeout_ms: 30_000 }, "warn");
    }
    b.call(run, {
      model: MODELS.sonnet,
      size: "medium",
      prompt: `Review diff for ${files.join(", ")}`,
      response: "Found issues; see report.",
    });
    if (rng.chance(0.5))
      b.call(run, {
        model: MODELS.haiku,
        size: "small",
        prompt: "Summarize the findings in 3 bullets",
        response: "- style\n- error handling\n- tests",
      });
    const findings = rng.sample(REVIEW_FINDINGS, rng.int(0, 3)).map((f, i) => f.replace("{file}", cycle(files, i)));
    b.endRun(run, "completed", { output: findings.length ? findings.join("\n") : "No issues found." });
    respond(
      reviewer,
      req,
      findings.length
        ? `${findings.length} finding(s):\n${findings.map((f) => `- ${f}`).join("\n")}`
        : "No issues found.",
      { findings: findings.length },
    );
    event("check_completed", reviewer, `Review of ${files.length} file(s) completed`, {
      findings: findings.length,
      severity: findings.length > 1 ? "medium" : "low",
    });
    heartbeat(reviewer, "active");
    times.push(b.t - began);
    tasksDone += 1;
    if (checker && round === 0) {
      b.wait(2000, 20_000);
      const creq = request(checker, "Check README links and docstrings", { paths: ["README.md", "docs/"] });
      const crun = task(checker, "Check docs", `.orchestrate/orchestrator_system/outputs/${checker.name}_latest.txt`);
      b.call(crun, {
        model: MODELS.haiku,
        size: "small",
        prompt: "Check links in README.md",
        response: "2 broken links",
      });
      b.endRun(crun, "completed", { output: "2 broken links in README.md" });
      respond(checker, creq, "2 broken links in README.md", { broken_links: 2 });
    }
  }

  // ---- handover at the end of the session ----
  b.wait(60_000, 600_000);
  const hreq = request(handover, "Create the session handover document", {
    template: "default-handover.md",
    include: ["git", "todos", "next_steps"],
  });
  const hrun = task(handover, "Create handover", `.agents/session-handover/output/handover_${b.iso().slice(0, 10)}.md`);
  heartbeat(handover, "busy");
  b.wait(500, 2000);
  b.call(hrun, {
    model: MODELS.haiku,
    size: "medium",
    prompt: "Analyze git log and changed files of this session",
    response: "12 commits, 9 files",
  });
  const commits = rng.int(2, 14);
  b.emit("artifact", {
    artifactId: `${sid}:analysis:git`,
    sessionId: sid,
    runId: hrun.runId,
    type: "session_analysis",
    name: "git_analysis",
    data: {
      commits,
      files_changed: rng.sample(project.files, rng.int(1, project.files.length)),
      insertions: rng.int(20, 900),
      deletions: rng.int(5, 400),
      branch: rng.pick(["main", "feature/mcp-retries", "fix/heartbeat"]),
    },
  });
  b.emit("artifact", {
    artifactId: `${sid}:analysis:todo`,
    sessionId: sid,
    runId: hrun.runId,
    type: "session_analysis",
    name: "todo_analysis",
    data: { open_todos: rng.int(0, 9), added: rng.int(0, 4), resolved: rng.int(0, 5) },
  });
  b.call(hrun, {
    model: MODELS.sonnet,
    size: "large",
    prompt: "Fill the handover template from the analysis",
    response: "Handover drafted.",
  });

  const firstValid = rng.chance(0.75);
  let version = 1;
  const doc = (valid: boolean): void => {
    const path = `.agents/session-handover/output/handover_${b.iso().slice(0, 10)}_v${version}.md`;
    const confidence = rng.round(0.62, 0.95, 2);
    const results = [
      { rule_name: "has_summary", rule_type: "mandatory_section", status: "passed", message: "Summary present" },
      {
        rule_name: "has_next_steps",
        rule_type: "mandatory_section",
        status: valid ? "passed" : "failed",
        message: valid ? "Next steps present" : "Section 'Next steps' is empty",
      },
      {
        rule_name: "no_placeholders",
        rule_type: "validation_rule",
        status: valid ? "passed" : "failed",
        message: valid ? "All placeholders filled" : "2 placeholders remaining",
      },
      {
        rule_name: "files_exist",
        rule_type: "quality_check",
        status: rng.chance(0.8) ? "passed" : "warning",
        message: "Referenced files checked",
      },
    ];
    b.emit("artifact", {
      artifactId: `${sid}:handover:${version}`,
      sessionId: sid,
      runId: hrun.runId,
      type: "handover",
      name: `Session handover v${version}`,
      path,
      version,
      content: `# Session handover — ${project.name}\n\n## Summary\nWorked on ${rng.pick(["MCP retries", "agent heartbeats", "the review pipeline", "the scraper parser"])}; ${commits} commits.\n\n## State\n- Tests: ${rng.pick(["green", "1 flaky test", "green"])}\n- Branch: feature work merged\n\n## Next steps\n${valid ? "1. Finish the open TODOs\n2. Re-run the reviewer on src/\n" : "{{NEXT_STEPS}}\n"}\n## Files to read first\n${project.files
        .slice(0, 2)
        .map((f) => `- \`${f}\``)
        .join("\n")}\n`,
      status: valid ? "passed" : "failed",
      score: confidence,
      scores: { confidence },
      data: {
        template_name: "default-handover.md",
        placeholders_remaining: valid ? [] : ["{{NEXT_STEPS}}", "{{BLOCKERS}}"],
        validation_errors: valid ? [] : ["Section 'Next steps' is empty", "2 placeholders remaining"],
        validation_results: results,
        recommendations: [
          {
            recommendation_type: "files_to_read",
            recommendation_data: project.files.slice(0, 2),
            confidence_score: confidence,
          },
        ],
      },
    });
    event(
      "handover_created",
      handover,
      `Handover v${version} ${valid ? "passed" : "failed"} validation`,
      { file_path: path, validation_status: valid ? "passed" : "failed" },
      valid ? "info" : "warn",
    );
  };
  doc(firstValid);
  if (!firstValid) {
    b.wait(20_000, 90_000);
    b.call(hrun, {
      model: MODELS.sonnet,
      size: "medium",
      prompt: "Fill the remaining placeholders",
      response: "Filled 2 placeholders.",
    });
    version = 2;
    doc(true);
  }
  b.endRun(hrun, "completed", { output: `Handover v${version} written` });
  respond(handover, hreq, `Handover document v${version} is ready.`, { version });
  heartbeat(handover, "active");
  tasksDone += 1;

  // ---- agent_metrics, then the helpers stop and the session ends ----
  const avg = times.length ? times.reduce((s, x) => s + x, 0) / times.length : 0;
  b.wait(2000, 15_000);
  metric(b, reviewer, "response_time", Math.round(avg), "ms");
  metric(b, reviewer, "tasks_completed", tasksDone - 1);
  metric(b, handover, "success_rate", firstValid ? 1 : 0.5);
  metric(b, handover, "tasks_completed", 1);
  for (const agent of helpers) heartbeat(agent, "inactive");
  b.session({
    status: "ended",
    endedAt: b.iso(),
    metadata: {
      main_agent_id: main,
      claude_session_id: claudeSession,
      summary: `${tasksDone} agent task(s), ${msgCount} message(s), handover v${version}`,
    },
  });
}

function metric(b: SessionBuilder, agent: HelperAgent, name: string, value: number, unit?: string): void {
  b.emit("metric", {
    name,
    value,
    unit,
    sessionId: b.sessionId,
    agentId: agent.id,
    labels: { agent_type: agent.type },
  });
}
