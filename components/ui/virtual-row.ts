import type { CSSProperties } from "react";
import type { VirtualItem } from "@tanstack/react-virtual";

/** Where a measured row of a virtualized list sits: out of the flow, at its offset. */
export function virtualRowStyle(item: Pick<VirtualItem, "start">): CSSProperties {
  return { position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start}px)` };
}
