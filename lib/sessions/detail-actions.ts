"use server";
// Read-only server actions of the session detail page: the pages and bodies its client
// islands load on demand. Each requires a signed-in viewer (viewerAction, checked on the
// server), validates its input and reads only within the named session.
import { viewerAction } from "@/lib/actions/role-action";
import {
  artifactBodyInput,
  callContentInput,
  logLineInput,
  logPageInput,
  messageWindowInput,
  newLogLinesInput,
  pageInput,
  runDetailInput,
  stateDataInput,
} from "./detail-action-schemas";
import { loadLogLine, loadLogPage, loadNewLogLines } from "./session-logs";
import {
  loadArtifactBody,
  loadArtifacts,
  loadDecisions,
  loadMessageWindow,
  loadStateData,
  loadStates,
} from "./session-records";
import { loadCallContent, loadRunDetail } from "./session-runs";

// the audit action a refusal would carry; every signed-in user is a viewer, so none is refused
const read = "session.read";

export const fetchRunDetail = viewerAction({ action: read, schema: runDetailInput }, ({ input }) =>
  loadRunDetail(input.sessionId, input.runId),
);

export const fetchCallContent = viewerAction({ action: read, schema: callContentInput }, ({ input }) =>
  loadCallContent(input.sessionId, input.callId),
);

export const fetchLogPage = viewerAction({ action: read, schema: logPageInput }, ({ input }) =>
  loadLogPage(input.sessionId, input.filters, input.olderThan),
);

export const fetchNewLogLines = viewerAction({ action: read, schema: newLogLinesInput }, ({ input }) =>
  loadNewLogLines(input.sessionId, input.filters, input.afterId),
);

export const fetchLogLine = viewerAction({ action: read, schema: logLineInput }, ({ input }) =>
  loadLogLine(input.sessionId, input.id),
);

export const fetchMessageWindow = viewerAction({ action: read, schema: messageWindowInput }, ({ input }) =>
  loadMessageWindow(input.sessionId, input.seek),
);

export const fetchStates = viewerAction({ action: read, schema: pageInput }, ({ input }) =>
  loadStates(input.sessionId, input.cursor),
);

export const fetchStateData = viewerAction({ action: read, schema: stateDataInput }, ({ input }) =>
  loadStateData(input.sessionId, input.ids),
);

export const fetchDecisions = viewerAction({ action: read, schema: pageInput }, ({ input }) =>
  loadDecisions(input.sessionId, input.cursor),
);

export const fetchArtifacts = viewerAction({ action: read, schema: pageInput }, ({ input }) =>
  loadArtifacts(input.sessionId, input.cursor),
);

export const fetchArtifactBody = viewerAction({ action: read, schema: artifactBodyInput }, ({ input }) =>
  loadArtifactBody(input.sessionId, input.artifactId),
);
