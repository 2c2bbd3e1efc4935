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
    <section className={`overflow-hidden rounded-lg border border-line bg-surface ${className}`}>
      {title !== undefined && (
        <header className="flex items-start justify-between gap-4 border-b border-line px-4 py-3">
          <div className="min-w-0">
            <h2 className="text-sm font-semibold text-fg">{title}</h2>
            {description !== undefined && <p className="mt-0.5 text-xs text-fg-muted">{description}</p>}
          </div>
          {actions !== undefined && <div className="shrink-0">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
