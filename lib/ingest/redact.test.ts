import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { redactBody, redactSecrets, redactValue } from "./redact";

const b64 = (n: number) => randomBytes(n).toString("base64url").replace(/[-_]/g, "x");
const alnum = (n: number) =>
  randomBytes(n * 2)
    .toString("hex")
    .slice(0, n);

// Built at run time so that no literal secret-shaped string sits in the repository.
const secrets: [kind: string, secret: string][] = [
  ["openai_key", `sk-${alnum(48)}`],
  ["openai_key", `sk-proj-${b64(60)}1`],
  ["anthropic_key", `sk-ant-api03-${b64(80)}`],
  ["aws_access_key", `AKIA${"ABCDEFGHIJ234567"}`],
  ["github_token", `ghp_${alnum(36)}`],
  ["github_token", `gho_${alnum(36)}`],
  ["github_token", `github_pat_11${alnum(20)}_${alnum(59)}`],
  ["slack_token", `xoxb-1234567890-0987654321-${alnum(24)}`],
  ["google_api_key", `AIza${"Sy"}${alnum(33)}`],
  ["observatory_key", `obs_${b64(32)}`],
  ["jwt", `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${b64(32)}`],
  ["private_key", `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${b64(40)}\n${b64(40)}\n-----END RSA PRIVATE KEY-----`],
];

describe("redactSecrets", () => {
  it.each(secrets)("redacts a %s and counts it", (kind, secret) => {
    const r = redactSecrets(`before ${secret} after`);
    expect(r.count).toBe(1);
    expect(r.text).toBe(`before [redacted:${kind}] after`);
    expect(r.text).not.toContain(secret);
  });

  it("keeps the Bearer word and the URL user, redacting only the secret", () => {
    const token = b64(30);
    expect(redactSecrets(`Authorization: Bearer ${token}`).text).toBe("Authorization: Bearer [redacted:bearer_token]");
    const url = redactSecrets("postgresql://app:s3cr3t-pw@db.internal:5432/prod");
    expect(url).toEqual({ text: "postgresql://app:[redacted:url_password]@db.internal:5432/prod", count: 1 });
    const query = redactSecrets(
      "Server=db;User Id=app;Password=hunter2;Database=x https://x.test/?user=a&password=p4ss&x=1",
    );
    expect(query.count).toBe(2);
    expect(query.text).not.toMatch(/hunter2|p4ss/);
    expect(query.text).toContain("&x=1");
  });

  it("counts each secret once, also a Bearer JWT", () => {
    const jwt = secrets.find(([k]) => k === "jwt")![1];
    const r = redactSecrets(`Bearer ${jwt} and ${secrets[0]![1]} and again ${secrets[0]![1]}`);
    expect(r.count).toBe(3);
    expect(r.text).toBe("Bearer [redacted:jwt] and [redacted:openai_key] and again [redacted:openai_key]");
  });

  it("leaves ordinary text, hex ids, UUIDs, hashes and code alone", () => {
    const ordinary = [
      "The planner asked the coder to refactor task-42 and re-run the tests.",
      randomUUID(),
      randomBytes(32).toString("hex"),
      `commit ${randomBytes(20).toString("hex")} on branch feature/sk-learn-upgrade`,
      "use scikit-learn: pip install sk-learn-helpers-for-everything-in-the-world",
      "the password must be at least 12 characters; type your password: below",
      "https://example.com/docs/getting-started?page=2&sort=asc",
      "git@github.com:org/repo.git and ssh://git@host/repo",
      "AKIA is a prefix; AKIAshort is not a key",
      "obs_count and obs_total_events_per_session are metric names",
      "Bearer tokens go in the Authorization header",
      "eyJ is how base64 JSON starts",
      "costs: $0.0032 for 1,234 tokens; latency 812ms; sha256:" + randomBytes(32).toString("hex"),
    ];
    for (const text of ordinary) expect(redactSecrets(text)).toEqual({ text, count: 0 });
  });
});

describe("redactBody", () => {
  it("redacts nested strings, keeps ids and keys, and counts into metadata.redactions", () => {
    const key = secrets[0]![1];
    const body = {
      sessionId: "s-1",
      prompt: `use ${key}`,
      metadata: { team: "a" },
      details: { env: [`AWS=${secrets[3]![1]}`, 3, null], note: "fine" },
      callId: key, // an id is kept as sent, even when it looks like a key
    };
    const r = redactBody(body);
    expect(r.count).toBe(2);
    expect(r.body.prompt).toBe("use [redacted:openai_key]");
    expect(r.body.details).toEqual({ env: ["AWS=[redacted:aws_access_key]", 3, null], note: "fine" });
    expect(r.body.metadata).toEqual({ team: "a", redactions: 2 });
    expect(r.body.callId).toBe(key);
    expect(body.prompt).toBe(`use ${key}`); // input not mutated
  });

  it("returns the same object when nothing matched, and keeps __proto__ keys inert", () => {
    const body = { sessionId: "s", message: "hello" };
    expect(redactBody(body).body).toBe(body);
    const hostile = JSON.parse(`{"__proto__": {"polluted": "${secrets[0]![1]}"}}`) as unknown;
    const r = redactValue(hostile);
    expect(r.count).toBe(1);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
