import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// Browser tests that provision test devices over SSH (network namespaces, root): run only by
// scripts/device-tests.sh --e2e, inside the hub namespace those devices hang off.
export default defineConfig({
  ...base,
  testMatch: "**/*.device-spec.ts",
  timeout: 300_000,
  expect: { timeout: 30_000 },
});
