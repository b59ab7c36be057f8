import type { NextConfig } from "next";

const config: NextConfig = {
  // cluster-core ships TypeScript source.
  transpilePackages: ["@outpost/cluster-core"],
  poweredByHeader: false,
  // forbidden() for pages a role may not see: real HTTP 403s, not a 200 with an error view.
  experimental: { authInterrupts: true },
  // Typecheck and lint run as their own steps of the test command.
  typescript: { ignoreBuildErrors: true },
};

export default config;
