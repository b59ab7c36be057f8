import { K3S_CONFIG_PATH, ZK3sOptions, ZLabels, ZNodeTaint, k3sArchOf, parseStoredJson, renderK3sConfig, type JoinClaimRequest } from "@outpost/cluster-core";
import { z } from "zod";
import type { ServerContext } from "../../context";
import { AppError } from "../../errors/app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { hashSecretToken, newSecretToken } from "../../auth/secret-token";
import { deviceScript } from "../device-script";
import { blobMode, resolveProvisionBundle } from "../resolve-provision-bundle";
import { joinScriptVars } from "./join-script-vars";

const SESSION_MS = 2 * 60 * 60_000;
const ZJoinOptions = z.object({ nodeLabels: ZLabels.default({}), nodeTaints: z.array(ZNodeTaint).default([]) });

/**
 * A device trades its join token for its join script: the bundle's blobs to fetch (with a
 * two-hour session secret), config.yaml with the server URL and the k3s join token (read from
 * the cluster's agent only now, through the tunnel), and the install call. The token is spent on
 * the first claim; the same host may claim again while its session lasts (a re-run after a
 * failed download), any other host is refused.
 */
export async function claimJoinToken(ctx: ServerContext, authorization: string | null, claim: JoinClaimRequest, centreUrl: string): Promise<string> {
  const bearer = /^Bearer (jnt_[A-Za-z0-9_-]{20,})$/.exec(authorization ?? "")?.[1];
  if (!bearer) throw new AppError("TOKEN_INVALID", "send the join token as Authorization: Bearer jnt_…");
  const now = new Date();
  const row = await ctx.db.joinToken.findUnique({ where: { tokenHash: hashSecretToken(bearer) }, include: { cluster: true } });
  if (!row || row.expiresAt < now) throw new AppError("TOKEN_INVALID", "the join token is unknown or expired: create a new command in Outpost (Add node)");
  if (row.usedAt && (row.claimedBy !== claim.hostname || !row.sessionExpiresAt || row.sessionExpiresAt < now)) {
    throw new AppError("TOKEN_INVALID", `the join token was already used${row.claimedBy ? ` by ${row.claimedBy}` : ""}: create a new command in Outpost`);
  }
  const arch = k3sArchOf(claim.arch);
  if (!arch) throw new AppError("INVALID_INPUT", `unsupported architecture ${claim.arch}: k3s runs on amd64 (x86_64), arm64 (aarch64) and arm (armv7)`);
  // The bundle the cluster's server was provisioned from, else the newest one for this architecture.
  const server = await ctx.db.device.findFirst({ where: { role: "server", clusterId: row.clusterId }, select: { bundleId: true } });
  const bundle = await resolveProvisionBundle(ctx, { bundleId: row.bundleId ?? server?.bundleId ?? null, role: "agent", arch }).catch((err: Error) => {
    throw new AppError("CONFLICT", `the centre cannot hand out a bundle: ${err.message}`);
  });
  if (bundle.arch !== arch) throw new AppError("INVALID_INPUT", `this device is ${arch} (${claim.arch}) but the cluster's bundle ${bundle.name} ${bundle.version} is for ${bundle.arch}`);
  const conn = ctx.presence.connectionOf(row.clusterId);
  if (!conn) throw new AppError("CONFLICT", `${row.cluster.name} is ${row.cluster.status}: its agent must be connected to hand out the join token; run the command again once it is online`);
  let k3sToken: string;
  try {
    k3sToken = await conn.readJoinToken();
  } catch (err) {
    throw new AppError("CONFLICT", `the agent of ${row.cluster.name} could not hand out the join token: ${(err as Error).message}`);
  }

  const session = newSecretToken("jns");
  const claimed = await ctx.db.joinToken.updateMany({
    where: { id: row.id, OR: [{ usedAt: null }, { claimedBy: claim.hostname }] },
    data: { usedAt: row.usedAt ?? now, claimedBy: claim.hostname, bundleId: bundle.id, sessionHash: session.hash, sessionExpiresAt: new Date(now.getTime() + SESSION_MS) },
  });
  if (claimed.count === 0) throw new AppError("TOKEN_INVALID", "the join token was just used by another device");
  await recordAuditEvent(ctx.db, { id: null, username: `device ${claim.hostname}` }, { action: "join-token.claim", targetType: "cluster", targetId: row.clusterId, details: { cluster: row.cluster.name, hostname: claim.hostname, arch: claim.arch } });

  const options = { ...ZK3sOptions.parse({}), ...parseStoredJson(ZJoinOptions, row.options, { nodeLabels: {}, nodeTaints: [] }) };
  return deviceScript(ctx, "join-node-claimed.sh", {
    ...joinScriptVars(ctx.config, centreUrl),
    OUTPOST_SESSION: session.token,
    OUTPOST_K3S_URL: row.serverUrl,
    OUTPOST_K3S_CONFIG_PATH: K3S_CONFIG_PATH,
    OUTPOST_K3S_CONFIG: renderK3sConfig({ role: "agent", options, token: k3sToken, server: row.serverUrl }),
    OUTPOST_BLOBS: bundle.blobs.map((b) => `${b.sha256} ${b.size} ${blobMode(b.role)} ${b.target}`).join("\n"),
  });
}
