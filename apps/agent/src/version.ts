import packageJson from "../package.json";

/** Sent at registration and in every handshake, so the centre can apply version-skew rules. */
export const AGENT_VERSION: string = packageJson.version;
