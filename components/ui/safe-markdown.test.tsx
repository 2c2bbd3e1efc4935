import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonTree } from "./json-tree";
import { SafeMarkdown, safeUrl } from "./safe-markdown";

describe("SafeMarkdown", () => {
  it("drops raw HTML and script URLs but keeps formatting", () => {
    const html = renderToStaticMarkup(
      <SafeMarkdown>
        {
          '# Title\n\n<script>alert(1)</script><img src=x onerror="alert(2)">\n\n**bold** [x](javascript:alert(3)) [ok](https://example.com) ![p](https://t.example/p.png)'
        }
      </SafeMarkdown>,
    );
    expect(html).not.toMatch(/<script|<img|onerror|javascript:/i);
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain("[image: p]");
  });

  it("allows only web, mail and in-page links", () => {
    expect(safeUrl("https://a.example/x")).toBe("https://a.example/x");
    expect(safeUrl("#section")).toBe("#section");
    expect(safeUrl("javascript:alert(1)")).toBe("");
    expect(safeUrl("data:text/html,<script>")).toBe("");
    expect(safeUrl("/relative")).toBe("");
  });
});

describe("JsonTree", () => {
  it("renders strings as text, never as markup", () => {
    const html = renderToStaticMarkup(<JsonTree value={{ x: "<img src=x onerror=alert(1)>" }} />);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
