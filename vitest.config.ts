import path from "node:path";
import { defineConfig } from "vitest/config";
import { filesOf, TEST_PROJECTS } from "./test/support/test-projects";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Tests run on the server side; the real package throws outside React Server builds.
      "server-only": path.join(root, "test/support/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // `npm test` runs both; `npm run test:unit` only the first (test/support/test-projects.ts)
    projects: TEST_PROJECTS.map((name) => ({ extends: true, test: { name, include: filesOf(name, root) } })),
  },
});
