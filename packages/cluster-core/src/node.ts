// Node-only helpers (node:crypto, node:fs): import from "@outpost/cluster-core/node", never in browser code.
export * from "./bundles/node/bundle-key-id";
export * from "./bundles/node/generate-bundle-signing-key";
export * from "./bundles/node/sign-bundle-manifest";
export * from "./bundles/node/verify-bundle-signature";
export * from "./bundles/node/blob-hasher";
export * from "./bundles/node/hash-blob-file";
export * from "./node/write-all";
export * from "./node/fsync-directory";
export * from "./node/is-errno-code";
export * from "./bundles/node/read-bundle-dir";
export * from "./bundles/node/bundle-id-of";
