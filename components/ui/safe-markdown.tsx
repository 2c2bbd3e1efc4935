// Markdown written by agents, rendered safely: raw HTML is dropped (skipHtml, and no
// rehype-raw), link and image URLs go through react-markdown's default filter (no
// javascript:, vbscript: or data: URLs), images are not loaded (they would call out to
// any host), and links open without access to this page.
import Markdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-accent underline underline-offset-2"
      >
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ alt }) => <span className="text-fg-subtle">[image{alt ? `: ${alt}` : ""}]</span>,
  h1: ({ children }) => <h4 className="mt-3 mb-1 text-base font-semibold text-fg">{children}</h4>,
  h2: ({ children }) => <h5 className="mt-3 mb-1 text-sm font-semibold text-fg">{children}</h5>,
  h3: ({ children }) => <h6 className="mt-2 mb-1 text-sm font-semibold text-fg">{children}</h6>,
  p: ({ children }) => <p className="my-1.5">{children}</p>,
  ul: ({ children }) => <ul className="my-1.5 list-disc pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-1.5 list-decimal pl-5">{children}</ol>,
  code: ({ children }) => <code className="rounded bg-surface-2 px-1">{children}</code>,
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded bg-surface-2 p-2 text-xs">{children}</pre>,
  table: ({ children }) => (
    <div className="my-2 overflow-x-auto">
      <table className="border border-line text-xs">{children}</table>
    </div>
  ),
  th: ({ children }) => <th className="border border-line px-2 py-1 text-left">{children}</th>,
  td: ({ children }) => <td className="border border-line px-2 py-1">{children}</td>,
  blockquote: ({ children }) => (
    <blockquote className="my-2 border-l-2 border-line pl-3 text-fg-muted">{children}</blockquote>
  ),
};

/** Only http(s), mailto and in-page links survive; everything else becomes empty. */
export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  return /^(https?:|mailto:|#)/i.test(cleaned) ? cleaned : "";
}

export function SafeMarkdown({ children }: { children: string }) {
  return (
    <div className="text-sm leading-6 break-words text-fg" data-testid="markdown">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml urlTransform={safeUrl} components={components}>
        {children}
      </Markdown>
    </div>
  );
}
