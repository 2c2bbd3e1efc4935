"use client";
// Re-renders the server component page every few seconds while the tab is visible, so
// figures the server changes in the background (a source's last sync) stay current.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function PeriodicRefresh({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
