"use server";
// Read-only server actions of the session detail page: the pages and bodies its client
// islands load on demand. Each validates its input and reads only within the named session.
// Each requires a signed-in viewer, checked here on the server.
import type { z } from "zod";
import {
  artifactBodyInput,
  callContentInput,
  logLineInput,
  logPageInput,
  newLogLinesInput,
  pageInput,
  runDetailInput,
  stateDataInput,
} from "@/lib/sessions/detail-action-schemas";
import { requireUser } from "@/lib/auth/current-user";
import { loadLogLine, loadLogPage, loadNewLogLines } from "@/lib/sessions/session-logs";
import { loadArtifactBody, loadArtifacts, loadDecisions, loadMessages, loadStateData, loadStates } from "@/lib/sessions/session-records";
import { loadCallContent, loadRunDetail } from "@/lib/sessions/session-runs";

export async function fetchRunDetail(input: z.input<typeof runDetailInput>) {
  await requireUser("viewer");
  const { sessionId, runId } = runDetailInput.parse(input);
  return loadRunDetail(sessionId, runId);
}

export async function fetchCallContent(input: z.input<typeof callContentInput>) {
  await requireUser("viewer");
  const { sessionId, callId } = callContentInput.parse(input);
  return loadCallContent(sessionId, callId);
}

export async function fetchLogPage(input: z.input<typeof logPageInput>) {
  await requireUser("viewer");
  const { sessionId, filters, olderThan } = logPageInput.parse(input);
  return loadLogPage(sessionId, filters, olderThan);
}

export async function fetchNewLogLines(input: z.input<typeof newLogLinesInput>) {
  await requireUser("viewer");
  const { sessionId, filters, afterId } = newLogLinesInput.parse(input);
  return loadNewLogLines(sessionId, filters, afterId);
}

export async function fetchLogLine(input: z.input<typeof logLineInput>) {
  await requireUser("viewer");
  const { sessionId, id } = logLineInput.parse(input);
  return loadLogLine(sessionId, id);
}

export async function fetchMessages(input: z.input<typeof pageInput>) {
  await requireUser("viewer");
  const { sessionId, cursor } = pageInput.parse(input);
  return loadMessages(sessionId, cursor);
}

export async function fetchStates(input: z.input<typeof pageInput>) {
  await requireUser("viewer");
  const { sessionId, cursor } = pageInput.parse(input);
  return loadStates(sessionId, cursor);
}

export async function fetchStateData(input: z.input<typeof stateDataInput>) {
  await requireUser("viewer");
  const { sessionId, ids } = stateDataInput.parse(input);
  return loadStateData(sessionId, ids);
}

export async function fetchDecisions(input: z.input<typeof pageInput>) {
  await requireUser("viewer");
  const { sessionId, cursor } = pageInput.parse(input);
  return loadDecisions(sessionId, cursor);
}

export async function fetchArtifacts(input: z.input<typeof pageInput>) {
  await requireUser("viewer");
  const { sessionId, cursor } = pageInput.parse(input);
  return loadArtifacts(sessionId, cursor);
}

export async function fetchArtifactBody(input: z.input<typeof artifactBodyInput>) {
  await requireUser("viewer");
  const { sessionId, artifactId } = artifactBodyInput.parse(input);
  return loadArtifactBody(sessionId, artifactId);
}
