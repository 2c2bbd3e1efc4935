import Link from "next/link";
import type { ReactNode } from "react";

/** In-app link styled for running text and card headers. */
export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      className="inline-flex items-center gap-1 font-medium text-accent underline-offset-2 hover:underline"
    >
      {children}
    </Link>
  );
}
