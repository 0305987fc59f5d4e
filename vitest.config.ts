import { defineConfig } from "vitest/config";

// One `npm test` runs everything, and writes test-output/vitest.json, from which CI's closing line
// (scripts/test-summary.mjs) takes its counts. Where TEST_DATABASE_URL names a
// PostgreSQL server, the store conformance suite runs on it (inside the sqlite project) and the in-process
// HTTP suite runs a second time with PostgreSQL as the store (the postgres project): the hostile-input
// (test/security) and property (test/property) tests too, since PostgreSQL is the store whose NUL and surrogate
// rules they exist for.
const HTTP_SUITE = ["handlers", "graph", "auth", "clients", "contract", "tenants", "security", "property"].map(
  (dir) => `test/${dir}/**/*.test.ts`,
);

export default defineConfig({
  test: {
    pool: "forks",
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"], env: { TEST_STORE: "sqlite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { name: "postgres", include: HTTP_SUITE, env: { TEST_STORE: "postgres" } } }]
        : []),
    ],
  },
});
