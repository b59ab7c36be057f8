import type { NextConfig } from "next";

const config: NextConfig = {
  // cluster-core ships TypeScript source.
  transpilePackages: ["@outpost/cluster-core"],
  poweredByHeader: false,
  // Typecheck and lint run as their own steps of the test command.
  typescript: { ignoreBuildErrors: true },
};

export default config;
