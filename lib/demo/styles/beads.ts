// Beads/Tempolite-style sessions: one Tempolite workflow per beads issue (workflow_mappings).
// A supervisor assigns steps to research / poc / documentation / validation agents
// (agent_assignments: assigned → started → completed, with handoffs between steps); results
// land in workflow_results, research_findings and poc_results with confidence, quality,
// relevance and complexity scores; workflow_performance gives per-step resource figures; the
// work is tracked as beads issues (bd-xxxxx, children bd-xxxxx.1) with dependencies.
import { compact, type DemoStyle, type RunHandle, type StyleInput } from "../builder";
import { MODELS, type ModelId } from "../models";
import { cycle } from "../random";

type AgentType = "supervisor" | "research" | "poc" | "documentation" | "validation";
type WorkflowType = "research" | "poc" | "documentation" | "validation";

const SEQUENCES: Record<WorkflowType, readonly AgentType[]> = {
  research: ["supervisor", "research", "documentation", "validation"],
  poc: ["supervisor", "research", "poc", "validation"],
  documentation: ["supervisor", "research", "documentation"],
  validation: ["supervisor", "validation"],
};
const WORKFLOW_ORDER: readonly WorkflowType[] = ["research", "poc", "documentation", "validation"];

const AGENTS: Record<
  AgentType,
  { ids: readonly string[]; model: ModelId; capabilities: readonly string[]; step: string }
> = {
  supervisor: {
    ids: ["supervisor-01"],
    model: MODELS.gpt4oMini,
    capabilities: ["plan_workflow", "assign_agents", "review_results"],
    step: "plan_workflow",
  },
  research: {
    ids: ["research-agent-01", "research-agent-02"],
    model: MODELS.gpt4o,
    capabilities: ["web_search", "doc_review", "benchmark_lookup"],
    step: "research_libraries",
  },
  poc: {
    ids: ["poc-agent-01"],
    model: MODELS.sonnet,
    capabilities: ["scaffold", "build", "run_tests", "benchmark"],
    step: "build_poc",
  },
  documentation: {
    ids: ["documentation-agent-01"],
    model: MODELS.gpt4oMini,
    capabilities: ["write_markdown", "diagram"],
    step: "write_docs",
  },
  validation: {
    ids: ["validation-agent-01"],
    model: MODELS.haiku,
    capabilities: ["check_claims", "rerun_tests", "score"],
    step: "validate_results",
  },
};

const TOPICS = [
  {
    title: "Evaluate embedded vector stores for semantic issue search",
    language: "go",
    framework: "none",
    libs: [
      ["chromem-go", "0.7.0"],
      ["qdrant go-client", "1.12.0"],
      ["sqlite-vec", "0.1.6"],
    ],
  },
  {
    title: "Pick a durable workflow engine for agent pipelines",
    language: "go",
    framework: "tempolite",
    libs: [
      ["tempolite", "0.3.2"],
      ["temporal sdk", "1.31.0"],
      ["river", "0.14.2"],
    ],
  },
  {
    title: "Compare Markdown renderers for bd show output",
    language: "go",
    framework: "cobra",
    libs: [
      ["glamour", "0.8.0"],
      ["goldmark", "1.7.8"],
    ],
  },
  {
    title: "Assess Dolt as a sync backend for beads",
    language: "go",
    framework: "none",
    libs: [
      ["dolt", "1.43.0"],
      ["go-mysql-server", "0.19.0"],
    ],
  },
  {
    title: "Evaluate TUI frameworks for a beads board view",
    language: "go",
    framework: "bubbletea",
    libs: [
      ["bubbletea", "1.2.4"],
      ["tview", "0.0.0-2024"],
    ],
  },
  {
    title: "Find a JSONL diff/merge strategy for concurrent issue edits",
    language: "go",
    framework: "none",
    libs: [
      ["go-jsondiff", "0.6.0"],
      ["json-patch", "5.9.0"],
    ],
  },
] as const;

export const beadsStyle: DemoStyle = {
  source: "beads",
  runningStatus: "active",
  sessionId: (ids) => `wf-${ids.hex(12)}`,
  generate,
};

function generate({ b, outcome, ordinal, parentSessionId }: StyleInput): void {
  const { rng } = b;
  const sid = b.sessionId;
  const workflowType = cycle(WORKFLOW_ORDER, ordinal);
  const sequence = SEQUENCES[workflowType];
  const topic = cycle(TOPICS, ordinal + rng.int(0, 2));
  const issueId = `bd-${b.ids.base36(5)}`;
  const priority = rng.weighted([
    [0, 1],
    [1, 3],
    [2, 5],
    [3, 2],
  ] as const);
  const labels = [workflowType, rng.pick(["backend", "storage", "cli", "sync", "ux"])];
  // where a failed or cancelled workflow stops: the PoC build fails, or a later step is dropped
  const failAt: AgentType | undefined =
    outcome === "failed"
      ? sequence.includes("poc")
        ? "poc"
        : (sequence[sequence.length - 1] ?? "validation")
      : outcome === "cancelled"
        ? (sequence[1] ?? "validation")
        : undefined;

  b.session({
    title: topic.title,
    mission: `${topic.title}. Produce findings with confidence scores${workflowType === "poc" ? " and a working proof of concept" : ""}.`,
    kind: workflowType,
    status: "active",
    priority,
    parentSessionId,
    project: "beads-workflow-system",
    startedAt: b.iso(),
    metadata: { beads_issue_id: issueId, tempolite_workflow_id: sid, template: `${workflowType}-default@1.0` },
  });
  b.emit("task", {
    taskId: issueId,
    sessionId: sid,
    name: topic.title,
    status: "open",
    priority,
    kind: workflowType === "poc" ? "feature" : "task",
    labels,
    assignee: "supervisor-01",
  });
  b.log({
    kind: "workflow",
    component: "tempolite",
    message: `Workflow ${workflowType} started for ${issueId}`,
    details: { workflow_id: sid, beads_issue_id: issueId },
  });

  // child issues, one per step after planning, each blocked by the previous one
  const steps: readonly AgentType[] = sequence.filter((a) => a !== "supervisor");
  const childIds = steps.map((_, i) => `${issueId}.${i + 1}`);
  const childNames = steps.map(
    (type) =>
      `${type === "research" ? "Research" : type === "poc" ? "PoC" : type === "documentation" ? "Document" : "Validate"}: ${topic.title.toLowerCase()}`,
  );
  b.wait(1000, 6000);
  for (const [i, type] of steps.entries()) {
    const prev = childIds[i - 1];
    b.emit("task", {
      taskId: cycle(childIds, i),
      sessionId: sid,
      name: cycle(childNames, i),
      status: "open",
      priority,
      kind: "task",
      labels: [type],
      parentTaskId: issueId,
      dependsOn: [{ id: issueId, type: "parent-child" }, ...(prev ? [{ id: prev, type: "blocks" }] : [])],
    });
  }

  const used = new Map<AgentType, string>();
  const heartbeat = (type: AgentType, status: string): void => {
    const id = used.get(type);
    if (id)
      b.emit("agent", {
        agentId: id,
        type,
        status,
        currentWorkload: status === "busy" ? rng.int(1, 4) : rng.int(0, 2),
        heartbeatAt: b.iso(),
      });
  };
  const agentFor = (type: AgentType): string => {
    const existing = used.get(type);
    if (existing) return existing;
    const id = rng.pick(AGENTS[type].ids);
    used.set(type, id);
    b.emit("agent", {
      agentId: id,
      name: id,
      type,
      kind: "instance",
      model: AGENTS[type].model,
      capabilities: [...AGENTS[type].capabilities],
      status: "busy",
      maxWorkload: 5,
      currentWorkload: rng.int(1, 4),
      heartbeatAt: b.iso(),
      config: { model: AGENTS[type].model, temperature: type === "research" ? 0.4 : 0.2, timeout_seconds: 600 },
      metadata: {
        performance_metrics: { avg_duration_ms: rng.int(40_000, 900_000), success_rate: rng.round(0.78, 0.99, 2) },
      },
    });
    return id;
  };

  let previous: { type: AgentType; agentId: string; artifacts: string[] } | undefined;
  let stopped: { type: AgentType; error: string } | undefined;
  const confidences: number[] = [];
  let resultRow = 0;
  let activityRow = 0;
  const activity = (name: string): void => {
    activityRow += 1;
    b.log({
      kind: "activity",
      component: "tempolite",
      level: "debug",
      message: `activity ${name} completed (attempt 1)`,
      details: { workflow_id: sid, activity_id: `${sid}:act:${activityRow}`, attempt: 1 },
    });
  };

  const result = (
    run: RunHandle,
    type: AgentType,
    resultType: string,
    data: Record<string, unknown>,
    confidence: number,
    quality: number,
    status?: string,
  ): void => {
    confidences.push(confidence);
    b.emit("artifact", {
      artifactId: `${sid}:result:${++resultRow}`,
      sessionId: sid,
      runId: run.runId,
      type: "workflow_result",
      name: resultType,
      data: { agent_type: type, ...data, execution_time_ms: b.t - run.startedAt },
      score: confidence,
      scores: { confidence, quality },
      status,
    });
  };

  for (const [stepIndex, type] of sequence.entries()) {
    const agentId = agentFor(type);
    const stepName = AGENTS[type].step;
    const childIndex = steps.indexOf(type);
    const childId = childIds[childIndex];
    const childName = childNames[childIndex] ?? stepName;
    const model = AGENTS[type].model;
    b.wait(2000, 20_000);
    // agent_assignments: assigned first, started when the agent picks the step up
    const run: RunHandle = {
      runId: `${sid}:assignment:${stepIndex + 1}`,
      agentType: type,
      agentId,
      model,
      step: stepIndex + 1,
      stepName,
      input: `${stepName} for ${issueId}`,
      startedAt: b.t,
      calls: 0,
      tokens: 0,
      costUsd: 0,
    };
    b.emit("run", {
      runId: run.runId,
      sessionId: sid,
      agentType: type,
      agentId,
      model,
      step: run.step,
      stepName,
      input: run.input,
      status: "assigned",
      metadata: { assigned_at: b.iso(), handoff_from: previous?.agentId },
    });
    b.emit("decision", {
      sessionId: sid,
      iteration: stepIndex + 1,
      decisionType: "assign_agent",
      data: {
        agent_type: type,
        agent_id: agentId,
        step_number: stepIndex + 1,
        step_name: stepName,
        reason: "lowest current workload",
      },
    });
    if (previous) {
      b.emit("message", {
        messageId: `${sid}:handoff:${stepIndex}`,
        sessionId: sid,
        from: previous.agentId,
        to: agentId,
        kind: "handoff",
        content: `Handing off ${previous.type} results for ${issueId}`,
        context: { workflow_id: sid, step_number: stepIndex + 1, artifacts: previous.artifacts },
      });
    }
    b.wait(1000, 30_000);
    run.startedAt = b.t;
    heartbeat(type, "busy");
    b.log({
      kind: "workflow",
      component: "tempolite",
      message: `step ${stepIndex + 1} ${stepName} started by ${agentId}`,
      runId: run.runId,
      agentType: type,
      agentId,
      details: { workflow_id: sid, step_number: stepIndex + 1 },
    });
    b.emit("run", {
      runId: run.runId,
      sessionId: sid,
      agentType: type,
      agentId,
      model,
      step: run.step,
      stepName,
      input: run.input,
      status: "started",
      startedAt: b.iso(),
    });
    if (childId)
      b.emit("task", { taskId: childId, sessionId: sid, name: childName, status: "in_progress", assignee: agentId });
    if (stepIndex === 1) b.emit("task", { taskId: issueId, sessionId: sid, name: topic.title, status: "in_progress" });
    const artifacts: string[] = [];

    if (type === "supervisor") {
      b.call(run, {
        model,
        size: "small",
        prompt: `Plan a ${workflowType} workflow for: ${topic.title}`,
        response: `Steps: ${steps.join(" → ")}`,
      });
    } else if (type === "research") {
      b.call(run, {
        model,
        size: "medium",
        prompt: `Research options for: ${topic.title}`,
        response: `Candidates: ${topic.libs.map(([n]) => n).join(", ")}`,
      });
      for (const [name, version] of topic.libs) {
        b.wait(60_000, 420_000);
        activity(`research.FetchDocs(${name})`);
        b.call(run, {
          model,
          size: "medium",
          prompt: `Review documentation of ${name} ${version}`,
          response: `${name}: fits, with caveats`,
        });
        b.wait(5000, 60_000);
        b.call(run, {
          model: MODELS.gpt4oMini,
          size: "small",
          prompt: `Extract pros, cons and maturity of ${name} as JSON`,
          response: '{"pros":2,"cons":1}',
        });
        const confidence = rng.round(0.55, 0.95, 2);
        const relevance = rng.round(0.4, 0.98, 2);
        b.emit("artifact", {
          artifactId: `${sid}:finding:${name.replace(/\s+/g, "-")}`,
          sessionId: sid,
          runId: run.runId,
          type: "research_finding",
          name,
          data: {
            library_name: name,
            library_version: version,
            documentation_url: `https://pkg.go.dev/search?q=${encodeURIComponent(name)}`,
            analysis_method: rng.pick(["documentation_review", "static_analysis", "benchmark"]),
            findings: {
              pros: ["active maintenance", "permissive license"],
              cons: [rng.pick(["CGO dependency", "large binary", "young API", "no transactions"])],
              maturity: rng.pick(["stable", "beta"]),
            },
          },
          score: confidence,
          scores: { confidence, relevance },
        });
        artifacts.push(name);
      }
      result(
        run,
        type,
        "findings",
        { recommended: topic.libs[0][0], candidates: topic.libs.length },
        rng.round(0.65, 0.93, 2),
        rng.round(6, 9.5, 1),
      );
    } else if (type === "poc") {
      const fails = failAt === "poc";
      b.call(run, {
        model,
        size: "large",
        prompt: `Build a minimal ${topic.language} PoC using ${topic.libs[0][0]}`,
        response: "Scaffolded module and benchmark.",
      });
      activity("poc.Build");
      b.wait(180_000, 1_200_000);
      b.call(run, {
        model,
        size: "medium",
        prompt: "Write table-driven tests and a benchmark",
        response: "Added 12 tests, 1 benchmark.",
      });
      activity("poc.RunTests");
      b.call(run, {
        model,
        size: "medium",
        prompt: fails ? "Fix the build error" : "Run the tests and benchmark",
        response: fails ? "Build still failing: undefined symbol" : "ok: 12 tests, p50 3.1ms",
      });
      const complexity = rng.round(2, 8.5, 1);
      b.emit("artifact", {
        artifactId: `${sid}:poc:1`,
        sessionId: sid,
        runId: run.runId,
        type: "poc_result",
        name: `${topic.libs[0][0]} PoC`,
        path: `pocs/${issueId}/main.go`,
        status: fails ? "failed" : "passed",
        score: complexity,
        scores: { complexity },
        data: compact({
          implementation_type: rng.pick(["function", "module", "service"]),
          language: topic.language,
          framework: topic.framework,
          build_success: !fails,
          test_success: !fails,
          performance_metrics: fails
            ? {}
            : {
                latency_p50_ms: rng.round(0.8, 12, 1),
                throughput_rps: rng.int(800, 24_000),
                memory_usage_mb: rng.int(18, 260),
              },
          test_results: fails ? { passed: 0, failed: 0 } : { passed: rng.int(6, 30), failed: 0 },
          error_message: fails ? `go build ./...: undefined: ${topic.libs[0][0].split(" ")[0]}.NewClient` : undefined,
        }),
      });
      if (fails) {
        stopped = {
          type,
          error: `PoC build failed: undefined symbol in ${topic.libs[0][0]} client (after 2 attempts)`,
        };
      } else {
        artifacts.push(`pocs/${issueId}`);
        result(
          run,
          type,
          "poc_results",
          { build_success: true, test_success: true },
          rng.round(0.7, 0.95, 2),
          rng.round(6.5, 9.5, 1),
        );
      }
    } else if (type === "documentation") {
      b.wait(30_000, 240_000);
      b.call(run, {
        model,
        size: "medium",
        prompt: `Write up the findings for ${issueId}`,
        response: "Draft written.",
      });
      b.call(run, { model, size: "small", prompt: "Tighten the summary to 5 sentences", response: "Done." });
      const path = `docs/research/${issueId}.md`;
      b.emit("artifact", {
        artifactId: `${sid}:doc:1`,
        sessionId: sid,
        runId: run.runId,
        type: "documentation",
        name: `${issueId}.md`,
        path,
        content: `# ${topic.title}\n\n## Recommendation\nUse **${topic.libs[0][0]}** (${topic.libs[0][1]}).\n\n## Alternatives\n${topic.libs
          .slice(1)
          .map(([n, v]) => `- ${n} ${v}`)
          .join("\n")}\n`,
      });
      artifacts.push(path);
      result(
        run,
        type,
        "documentation",
        { path, words: rng.int(400, 1800) },
        rng.round(0.75, 0.95, 2),
        rng.round(7, 9.5, 1),
      );
    } else {
      const fails = failAt === "validation" && outcome === "failed";
      b.wait(30_000, 300_000);
      activity("validation.RerunChecks");
      b.call(run, {
        model,
        size: "small",
        prompt: `Validate the claims and results of ${issueId}`,
        response: fails ? "2 claims not reproducible" : "All claims verified",
      });
      result(
        run,
        type,
        "validation",
        { checks: 5, passed: fails ? 3 : 5 },
        rng.round(0.6, 0.95, 2),
        rng.round(fails ? 3 : 7, fails ? 5.5 : 9.5, 1),
        fails ? "failed" : "passed",
      );
      if (fails) stopped = { type, error: "Validation failed: 2 of 5 claims could not be reproduced" };
    }

    if (failAt === type && !stopped) {
      stopped = {
        type,
        error:
          outcome === "cancelled"
            ? `Cancelled by supervisor: superseded by bd-${b.ids.base36(5)}`
            : `${stepName} timed out after 600s (activity deadline exceeded, 3 attempts)`,
      };
    }
    const perf = { agent_type: type, step_name: stepName, workflow_type: workflowType };
    b.emit("metric", {
      name: "step_duration_ms",
      value: b.t - run.startedAt,
      unit: "ms",
      sessionId: sid,
      runId: run.runId,
      agentId,
      labels: perf,
    });
    b.emit("metric", {
      name: "memory_usage_mb",
      value: rng.int(40, 900),
      unit: "MB",
      sessionId: sid,
      runId: run.runId,
      agentId,
      labels: perf,
    });
    b.emit("metric", {
      name: "cpu_usage_percent",
      value: rng.round(3, 96, 1),
      unit: "%",
      sessionId: sid,
      runId: run.runId,
      agentId,
      labels: perf,
    });
    if (stopped) {
      const status = outcome === "cancelled" ? "cancelled" : "failed";
      b.log({
        level: outcome === "cancelled" ? "warn" : "error",
        kind: outcome === "cancelled" ? "workflow" : "error",
        component: "tempolite",
        runId: run.runId,
        agentType: type,
        agentId,
        message: stopped.error,
        details: { step_name: stepName, attempt: 2 },
      });
      b.endRun(run, status, { error: stopped.error });
      break;
    }
    const next = sequence[stepIndex + 1];
    b.endRun(run, "completed", {
      output: `${stepName} done`,
      metadata: compact({ handoff_from: previous?.agentId, handoff_to: next ? agentFor(next) : undefined }),
    });
    if (childId)
      b.emit("task", { taskId: childId, sessionId: sid, name: childName, status: "closed", assignee: agentId });
    heartbeat(type, "active");
    previous = { type, agentId, artifacts };
  }

  b.wait(1000, 10_000);
  const avg = confidences.length
    ? Math.round((confidences.reduce((s, c) => s + c, 0) / confidences.length) * 100) / 100
    : 0;
  if (stopped) {
    const status = outcome === "cancelled" ? "cancelled" : "failed";
    b.emit("task", {
      taskId: issueId,
      sessionId: sid,
      name: topic.title,
      status: outcome === "cancelled" ? "closed" : "blocked",
    });
    b.session({
      status,
      endedAt: b.iso(),
      metadata: { beads_issue_id: issueId, tempolite_workflow_id: sid, stopped_at: stopped.type },
    });
    return;
  }
  // the supervisor reviews all results before closing the issue
  const reviewRun: RunHandle = {
    runId: `${sid}:assignment:${sequence.length + 1}`,
    agentType: "supervisor",
    agentId: agentFor("supervisor"),
    model: AGENTS.supervisor.model,
    step: sequence.length + 1,
    stepName: "review_results",
    input: `review results of ${issueId}`,
    startedAt: b.t,
    calls: 0,
    tokens: 0,
    costUsd: 0,
  };
  b.emit("run", {
    runId: reviewRun.runId,
    sessionId: sid,
    agentType: "supervisor",
    agentId: reviewRun.agentId,
    model: reviewRun.model,
    step: reviewRun.step,
    stepName: "review_results",
    input: reviewRun.input,
    status: "started",
    startedAt: b.iso(),
  });
  heartbeat("supervisor", "busy");
  b.call(reviewRun, {
    model: AGENTS.supervisor.model,
    size: "small",
    prompt: `Review ${confidences.length} result(s) for ${issueId}; close or reopen?`,
    response: `Close: average confidence ${avg}`,
  });
  b.emit("decision", {
    sessionId: sid,
    iteration: sequence.length + 1,
    decisionType: "close_issue",
    data: { beads_issue_id: issueId, avg_confidence: avg, threshold: 0.6 },
  });
  b.endRun(reviewRun, "completed", { output: `closed ${issueId}` });
  heartbeat("supervisor", "active");
  b.emit("task", { taskId: issueId, sessionId: sid, name: topic.title, status: "closed" });
  b.log({
    kind: "workflow",
    component: "tempolite",
    message: `Workflow completed; average confidence ${avg}`,
    details: { avg_confidence: avg },
  });
  b.session({
    status: "completed",
    endedAt: b.iso(),
    metadata: { beads_issue_id: issueId, tempolite_workflow_id: sid, avg_confidence: avg },
  });
}
