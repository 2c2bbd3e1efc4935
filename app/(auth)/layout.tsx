import type { ReactNode } from "react";
import { LogoIcon } from "@/components/icons";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4">
      <div className="border-line bg-surface w-full max-w-sm rounded-lg border p-6">
        <p className="text-fg mb-4 flex items-center gap-2 text-sm font-semibold">
          <LogoIcon className="text-accent size-5" /> Agent Observatory
        </p>
        {children}
      </div>
    </main>
  );
}
