import { ZCreateJoinTokenRequest, type CurrentUser, type JoinTokenCreated } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ServerContext } from "../../context";
import { AppError } from "../../errors/app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { newSecretToken } from "../../auth/secret-token";
import { JOIN_COMMAND_JOB_KIND } from "../provision-job-names";
import { shellCommand } from "../ssh/shell-quote";
import { centreCurlTrust } from "./centre-curl-trust";

/**
 * "Add node → Run a command": a single-use, expiring token and the one line that joins a new
 * device to the cluster, plus a job that follows the join until the node is Ready. The k3s join
 * token itself is fetched from the cluster's agent only when the device claims its token.
 */
export async function createJoinToken(ctx: ServerContext, actor: CurrentUser, clusterId: string, input: z.input<typeof ZCreateJoinTokenRequest>, centreUrl: string): Promise<JoinTokenCreated> {
  const req = ZCreateJoinTokenRequest.parse(input);
  const cluster = await ctx.db.cluster.findUnique({ where: { id: clusterId } });
  if (!cluster) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  if (cluster.simulated) throw new AppError("INVALID_INPUT", `${cluster.name} is a simulated cluster: real nodes cannot join it`);
  let serverUrl = req.serverUrl?.replace(/\/$/, "");
  if (!serverUrl) {
    const server = await ctx.db.device.findFirst({ where: { role: "server", clusterId } });
    if (!server) throw new AppError("INVALID_INPUT", `${cluster.name} was not provisioned by Outpost: give its k3s server URL (https://host:6443)`, [{ path: "serverUrl", message: "the k3s server URL is required for this cluster" }]);
    serverUrl = `https://${server.host.includes(":") ? `[${server.host}]` : server.host}:6443`;
  }
  const { token, hash } = newSecretToken("jnt");
  const expiresAt = new Date(Date.now() + req.ttlMinutes * 60_000);
  const row = await ctx.db.joinToken.create({
    data: { tokenHash: hash, clusterId, serverUrl, options: JSON.stringify({ nodeLabels: req.nodeLabels, nodeTaints: req.nodeTaints }), expiresAt, createdById: actor.id },
  });
  const job = await ctx.jobs.create({ kind: JOIN_COMMAND_JOB_KIND, title: `Join a node to ${cluster.name} with a command`, targetType: "cluster", targetId: clusterId, params: { joinTokenId: row.id }, actor });
  await ctx.db.joinToken.update({ where: { id: row.id }, data: { jobId: job.id } });
  await recordAuditEvent(ctx.db, actor, { action: "join-token.create", targetType: "cluster", targetId: clusterId, details: { cluster: cluster.name, expiresAt: expiresAt.toISOString(), jobId: job.id } });
  const trust = centreCurlTrust(ctx.config, centreUrl);
  const fetch = shellCommand(["curl", "-fsSL", ...trust.options, `${centreUrl}/api/v1/install/join-node.sh`]);
  return { token, expiresAt: expiresAt.toISOString(), command: `${fetch} | sudo OUTPOST_JOIN_TOKEN=${token} sh`, trust: trust.describe, jobId: job.id };
}
