import type { ReactNode } from "react";
import { LogoIcon } from "@/components/icons";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-line bg-surface p-6">
        <p className="mb-4 flex items-center gap-2 text-sm font-semibold text-fg">
          <LogoIcon className="size-5 text-accent" /> Agent Observatory
        </p>
        {children}
      </div>
    </main>
  );
}
