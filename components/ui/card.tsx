import type { ReactNode } from "react";

type CardProps = {
  title?: string;
  description?: ReactNode;
  /** Shown at the right of the header, e.g. a "View all" link. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
};

export function Card({ title, description, actions, children, className = "" }: CardProps) {
  return (
    <section className={`border-line bg-surface overflow-hidden rounded-lg border ${className}`}>
      {title !== undefined && (
        <header className="border-line flex items-start justify-between gap-4 border-b px-4 py-3">
          <div className="min-w-0">
            <h2 className="text-fg text-sm font-semibold">{title}</h2>
            {description !== undefined && <p className="text-fg-muted mt-0.5 text-xs">{description}</p>}
          </div>
          {actions !== undefined && <div className="shrink-0">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
