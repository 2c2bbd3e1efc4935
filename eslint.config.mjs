import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// Import boundaries: app/ (pages, routes) → components/ (UI) → lib/ (features, data).
// Server actions live beside their feature in lib/, so nothing below app/ needs app/.
const intoApp = {
  regex: "^(@/|(\\.\\./)+)app(/|$)",
  message:
    "app/ is the top layer: move what you need into lib/<feature>/ (server actions too) and import it from there.",
};
const intoComponents = {
  regex: "^(@/|(\\.\\./)+)components(/|$)",
  message: "lib/ holds no UI: keep React components in components/ and pass data to them.",
};
// Test code drives route handlers in-process, so it may import app/ (never components/).
const libTests = ["lib/**/*.test.ts", "test/**"];
// What only tests use lives in test/ (harnesses, fakes, the orchestrators' fixtures): the app
// never imports it, so a production build cannot ship it.
const intoTests = {
  regex: "^(@/|(\\.\\./)+)test(/|$)",
  message: "test/ is for tests only: production code must not import harnesses or fixtures.",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "lib/db/generated/",
      "test-results/",
      "playwright-report/",
      "next-env.d.ts",
      "e2e/.data/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Next.js's own rules (no <a> for internal links, no sync scripts, no <img> without
    // reason, …) for the code that renders pages.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    ...nextPlugin.configs["core-web-vitals"],
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [intoApp, intoTests] }] },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: libTests,
    rules: { "no-restricted-imports": ["error", { patterns: [intoApp, intoComponents, intoTests] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [intoTests] }] },
  },
  {
    files: libTests,
    rules: { "no-restricted-imports": ["error", { patterns: [intoComponents] }] },
  },
  {
    files: ["**/*.{js,mjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS preloaded into Node processes (scripts/exit-with-parent.cjs)
    files: ["**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: "commonjs",
      globals: { process: "readonly", setInterval: "readonly", setTimeout: "readonly", clearInterval: "readonly" },
    },
  },
  {
    // One env module (lib/env.ts): settings are parsed once, with defaults, and a bad value is
    // an error naming the variable. Test files and test/ set up the environment of the
    // processes they start, which is not reading a setting.
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["lib/env.ts", "test/support/**", "**/*.test.{ts,tsx}", "lib/db/generated/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through env() in lib/env.ts." },
      ],
    },
  },
  {
    // One zod-issue formatter (lib/validation/zod-issues.ts): every message names the field
    // the same way. Tests may still look at a particular issue.
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "scripts/**/*.ts"],
    ignores: ["lib/validation/zod-issues.ts", "**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[computed=true][property.type='Literal'][object.type='MemberExpression'][object.property.name='issues']",
          message: "Format zod issues with firstIssue()/fieldIssues() from lib/validation/zod-issues.ts.",
        },
      ],
    },
  },
);
