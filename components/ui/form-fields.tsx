// Labelled form fields for settings forms. Presentational only: usable from server and
// client components alike. `invalid` marks the field a server action named in its error.
import type { ReactNode } from "react";

const control =
  "border-line bg-surface text-fg focus-visible:outline-accent w-full rounded-md border px-2.5 py-1.5 text-sm focus-visible:outline-2 aria-[invalid=true]:border-danger";

type Base = { name: string; label: string; hint?: ReactNode; invalid?: boolean; id?: string; className?: string };

function Label({
  id,
  label,
  hint,
  children,
  className = "",
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-fg">
        {label}
      </label>
      {children}
      {hint !== undefined && <p className="text-xs text-fg-subtle">{hint}</p>}
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  invalid,
  id = name,
  className,
  ...input
}: Base & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className">) {
  return (
    <Label id={id} label={label} hint={hint} className={className}>
      <input id={id} name={name} aria-invalid={invalid || undefined} className={control} {...input} />
    </Label>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  invalid,
  id = name,
  className,
  ...input
}: Base & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "className">) {
  return (
    <Label id={id} label={label} hint={hint} className={className}>
      <textarea
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        className={`${control} font-mono text-xs`}
        {...input}
      />
    </Label>
  );
}

export function SelectField({
  name,
  label,
  hint,
  invalid,
  id = name,
  className,
  options,
  ...select
}: Base & { options: readonly { value: string; label: string }[] } & Omit<
    React.SelectHTMLAttributes<HTMLSelectElement>,
    "name" | "id" | "className"
  >) {
  return (
    <Label id={id} label={label} hint={hint} className={className}>
      <select id={id} name={name} aria-invalid={invalid || undefined} className={control} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Label>
  );
}

export function CheckboxField({
  name,
  label,
  hint,
  id = name,
  className = "",
  ...input
}: Base & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className" | "type">) {
  return (
    <div className={`flex items-start gap-2 ${className}`}>
      <input id={id} name={name} type="checkbox" value="on" className="mt-0.5 size-4 accent-accent" {...input} />
      <div>
        <label htmlFor={id} className="text-xs font-medium text-fg">
          {label}
        </label>
        {hint !== undefined && <p className="text-xs text-fg-subtle">{hint}</p>}
      </div>
    </div>
  );
}

export const buttonClass = {
  primary:
    "bg-accent text-accent-fg rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2",
  secondary:
    "border-line text-fg hover:bg-surface-hover rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2",
  danger:
    "border-danger bg-danger-soft text-fg rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2",
};
