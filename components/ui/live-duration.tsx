"use client";

// A duration that keeps counting while the session runs. The server renders the value at
// its clock; the browser takes over and ticks every second.
import { useEffect, useState } from "react";
import { formatDuration } from "./format-usage";

type LiveDurationProps = {
  startedAt: string;
  endedAt: string | null;
  running: boolean;
  serverNow: string;
  fallbackEnd: string;
};

export function LiveDuration({ startedAt, endedAt, running, serverNow, fallbackEnd }: LiveDurationProps) {
  const start = Date.parse(startedAt);
  const fixedEnd = endedAt ? Date.parse(endedAt) : running ? null : Date.parse(fallbackEnd);
  const [now, setNow] = useState(() => Date.parse(serverNow));
  useEffect(() => {
    if (fixedEnd !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [fixedEnd]);
  const ms = (fixedEnd ?? now) - start;
  return (
    <span data-testid="session-duration" className="tabular-nums">
      {formatDuration(Math.max(0, ms))}
    </span>
  );
}
