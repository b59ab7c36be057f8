import { defineConfig } from "vitest/config";
import { testTrustBundle } from "./tests/support/test-tls";

// Test processes are forked from this one after the config loads, and Node reads
// NODE_EXTRA_CA_CERTS at start: so every test (and every agent it starts) trusts the test CA
// of centres served over HTTPS.
process.env.NODE_EXTRA_CA_CERTS = testTrustBundle();

export default defineConfig({
  test: {
    // In CI (`npm test` sets CI=true) a stray `.only` fails the run instead of skipping the rest.
    allowOnly: !process.env.CI,
    // Integration files start real centre and agent processes; run them one at a time.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.integration-test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Network faults between centre and simulated devices (network namespaces; root only).
        // Run with scripts/fault-tests.sh, which provides the namespace they run in.
        test: {
          name: "faults",
          include: ["tests/faults/**/*.fault-test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Provisioning over SSH into test devices (network + mount namespaces with a real sshd;
        // root only). Run with scripts/device-tests.sh, which provides the hub namespace.
        test: {
          name: "devices",
          include: ["tests/devices/**/*.device-test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
