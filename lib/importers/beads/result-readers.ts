// Results (seed 004) become artifacts of their workflow's session, linked to the run of the
// agent type that produced them: workflow_results, research_findings, poc_results.
import type { Row } from "../source";
import { amountColumn, boundedText, timeColumn } from "../source-words";
import { bool, extras, int, str } from "../sql-reader";
import {
  known,
  runFor,
  workflowOf,
  type CoordinationIndex,
  type CoordinationReaderSpec,
  type Json,
} from "./coordination-index";

// ---- results → artifacts -----------------------------------------------------------------------

const RESULT_KNOWN = [
  "id",
  "workflow_id",
  "agent_type",
  "result_type",
  "result_data",
  "confidence_score",
  "execution_time_ms",
  "artifacts",
  "metadata",
  "quality_score",
  "created_at",
];

const withRun = (agentType: (r: Row) => unknown) => (rows: Row[], index: CoordinationIndex) =>
  known(index)(rows).map((r) => ({ ...r, _run: runFor(index, str(r.workflow_id), agentType(r)) }));

function scores(entries: Record<string, number | undefined>): Record<string, number> | undefined {
  const out = Object.fromEntries(Object.entries(entries).filter((e): e is [string, number] => e[1] !== undefined));
  return Object.keys(out).length > 0 ? out : undefined;
}

export const workflowResults: CoordinationReaderSpec = {
  table: "workflow_results",
  mode: { kind: "append", column: "id" },
  key: (r) => String(r.id),
  prepare: withRun((r) => r.agent_type),
  map(r, ctx) {
    const invalid: Json = {};
    const sessionId = workflowOf(r, ctx);
    const created = timeColumn(ctx, r.created_at, "created_at", invalid);
    const confidence = amountColumn(ctx, r.confidence_score, "confidence_score", invalid);
    const quality = amountColumn(ctx, r.quality_score, "quality_score", invalid);
    return {
      events: [
        {
          id: ctx.eventId("artifact"),
          type: "artifact",
          timestamp: (created ?? ctx.importedAt).toISOString(),
          body: {
            artifactId: `${sessionId}:result:${String(r.id)}`,
            sessionId,
            runId: str(r._run),
            type: "workflow_result",
            name: boundedText(r.result_type) ?? "result",
            data: ctx.json(r.result_data, "result_data"),
            score: confidence,
            scores: scores({ confidence, quality }),
            metadata: {
              agent_type: str(r.agent_type),
              execution_time_ms: int(r.execution_time_ms),
              artifacts: ctx.json(r.artifacts, "artifacts"),
              metadata: ctx.json(r.metadata, "metadata"),
              ...extras(r, [...RESULT_KNOWN, "_run", "_known_workflow"]),
              ...invalid,
            },
          },
        },
      ],
    };
  },
};

const FINDING_KNOWN = [
  "id",
  "workflow_id",
  "library_name",
  "library_version",
  "documentation_url",
  "findings",
  "confidence_score",
  "relevance_score",
  "analysis_method",
  "file_paths",
  "metadata",
  "created_at",
];

export const researchFindings: CoordinationReaderSpec = {
  table: "research_findings",
  mode: { kind: "mutable" },
  key: (r) => String(r.id),
  prepare: withRun(() => "research"),
  map(r, ctx) {
    const invalid: Json = {};
    const sessionId = workflowOf(r, ctx);
    const created = timeColumn(ctx, r.created_at, "created_at", invalid);
    const confidence = amountColumn(ctx, r.confidence_score, "confidence_score", invalid);
    const relevance = amountColumn(ctx, r.relevance_score, "relevance_score", invalid);
    const library = str(r.library_name) ?? "library";
    const version = str(r.library_version);
    return {
      events: [
        {
          id: ctx.eventId("artifact"),
          type: "artifact",
          timestamp: (created ?? ctx.importedAt).toISOString(),
          body: {
            artifactId: `${sessionId}:finding:${String(r.id)}`,
            sessionId,
            runId: str(r._run),
            type: "research_finding",
            name: boundedText(version ? `${library} ${version}` : library)!,
            data: {
              library_name: library,
              library_version: version,
              documentation_url: str(r.documentation_url),
              analysis_method: str(r.analysis_method),
              findings: ctx.json(r.findings, "findings"),
              file_paths: ctx.json(r.file_paths, "file_paths"),
            },
            score: confidence,
            scores: scores({ confidence, relevance }),
            metadata: {
              metadata: ctx.json(r.metadata, "metadata"),
              ...extras(r, [...FINDING_KNOWN, "_run", "_known_workflow"]),
              ...invalid,
            },
          },
        },
      ],
    };
  },
};

const POC_KNOWN = [
  "id",
  "workflow_id",
  "implementation_type",
  "language",
  "framework",
  "build_success",
  "test_success",
  "performance_metrics",
  "test_results",
  "artifacts",
  "benchmarks",
  "error_message",
  "execution_time_ms",
  "complexity_score",
  "created_at",
];

export const pocResults: CoordinationReaderSpec = {
  table: "poc_results",
  mode: { kind: "mutable" },
  key: (r) => String(r.id),
  prepare: withRun(() => "poc"),
  map(r, ctx) {
    const invalid: Json = {};
    const sessionId = workflowOf(r, ctx);
    const created = timeColumn(ctx, r.created_at, "created_at", invalid);
    const complexity = amountColumn(ctx, r.complexity_score, "complexity_score", invalid);
    const build = bool(r.build_success) ?? false;
    const tests = bool(r.test_success) ?? false;
    const language = str(r.language);
    const framework = str(r.framework);
    return {
      events: [
        {
          id: ctx.eventId("artifact"),
          type: "artifact",
          timestamp: (created ?? ctx.importedAt).toISOString(),
          body: {
            artifactId: `${sessionId}:poc:${String(r.id)}`,
            sessionId,
            runId: str(r._run),
            type: "poc_result",
            name: boundedText(
              [str(r.implementation_type) ?? "poc", language && `in ${language}${framework ? `/${framework}` : ""}`]
                .filter(Boolean)
                .join(" "),
            )!,
            status: build && tests ? "passed" : "failed",
            score: complexity,
            scores: scores({ complexity }),
            data: {
              implementation_type: str(r.implementation_type),
              language,
              framework,
              build_success: build,
              test_success: tests,
              performance_metrics: ctx.json(r.performance_metrics, "performance_metrics"),
              test_results: ctx.json(r.test_results, "test_results"),
              artifacts: ctx.json(r.artifacts, "artifacts"),
              benchmarks: ctx.json(r.benchmarks, "benchmarks"),
              error_message: str(r.error_message),
              execution_time_ms: int(r.execution_time_ms),
            },
            metadata: { ...extras(r, [...POC_KNOWN, "_run", "_known_workflow"]), ...invalid },
          },
        },
      ],
    };
  },
};
