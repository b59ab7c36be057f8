import { randomUUID } from "node:crypto";
import { ZCreateDeviceRequest, roleAtLeast, roleOnCluster, type CurrentUser, type DeviceCreated } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ServerContext } from "../../context";
import { AppError } from "../../errors/app-error";
import type { Access } from "../../access/access";
import { requireClusterAccess } from "../../access/require-cluster-access";
import { requireDeviceAccess } from "../../access/require-device-access";
import { requireSiteVisible } from "../../access/require-site-visible";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { sealDatastoreEndpoint, sealDeviceAuth } from "./device-secrets";
import { getDevice } from "./get-device";
import { startProvisioning } from "./start-provisioning";

/**
 * Adds a device: checks its site and target, seals its SSH secret (and an HA datastore endpoint)
 * at rest, and starts provisioning unless asked not to. Nothing secret is returned or logged.
 * The actor must operate where the device will belong (deviceScopeFacts): the cluster it joins,
 * or for a new server its site and labels, as for a registration token.
 */
export async function createDevice(ctx: ServerContext, actor: CurrentUser, access: Access, input: z.input<typeof ZCreateDeviceRequest>, centreUrl: string): Promise<DeviceCreated> {
  const req = ZCreateDeviceRequest.parse(input);
  const { db } = ctx;
  await requireSiteVisible(ctx, access, req.siteId);
  const site = await db.site.findUnique({ where: { id: req.siteId } });
  if (!site) throw new AppError("NOT_FOUND", `no site with id ${req.siteId}`);
  if (req.target.role === "agent" && req.target.clusterId) await requireClusterAccess(ctx, access, req.target.clusterId, "operator");
  else if (req.target.role === "agent" && req.target.serverDeviceId) await requireDeviceAccess(ctx, access, req.target.serverDeviceId, "operator");
  else if (!roleAtLeast(roleOnCluster(access.rules, { siteId: site.id, labels: req.labels }), "operator")) {
    throw new AppError("FORBIDDEN", `you do not operate clusters at site ${site.name} with these labels; ask an admin for a grant`);
  }
  if (await db.device.findUnique({ where: { name: req.name } })) throw new AppError("CONFLICT", `a device named ${req.name} already exists`);
  if (req.target.role === "server") {
    if (await db.cluster.findUnique({ where: { name: req.target.clusterName } })) throw new AppError("CONFLICT", `a cluster named ${req.target.clusterName} already exists`);
    if (await db.device.findFirst({ where: { role: "server", clusterName: req.target.clusterName } })) {
      throw new AppError("CONFLICT", `another device is already provisioning the cluster ${req.target.clusterName}`);
    }
  } else if (req.target.serverDeviceId) {
    const server = await db.device.findUnique({ where: { id: req.target.serverDeviceId } });
    if (server?.role !== "server") throw new AppError("NOT_FOUND", `no server device with id ${req.target.serverDeviceId}`);
  } else {
    const cluster = await db.cluster.findUnique({ where: { id: req.target.clusterId ?? "" } });
    if (!cluster) throw new AppError("NOT_FOUND", `no cluster with id ${req.target.clusterId}`);
    if (cluster.simulated) throw new AppError("INVALID_INPUT", `${cluster.name} is a simulated cluster: real nodes cannot join it`);
    if (!req.target.serverUrl && !(await db.device.findFirst({ where: { role: "server", clusterId: cluster.id } }))) {
      throw new AppError("INVALID_INPUT", `${cluster.name} was not provisioned by Outpost: give its k3s server URL (https://host:6443)`, [
        { path: "target.serverUrl", message: "the k3s server URL is required for this cluster" },
      ]);
    }
  }
  if (req.bundleId && !(await db.bundle.findUnique({ where: { id: req.bundleId } }))) throw new AppError("NOT_FOUND", `no bundle with id ${req.bundleId}`);
  const { datastoreEndpoint, ...k3s } = req.k3s;
  if (datastoreEndpoint && req.target.role !== "server") throw new AppError("INVALID_INPUT", "a datastore endpoint only applies to a k3s server");

  const id = randomUUID();
  await db.device.create({
    data: {
      id,
      name: req.name,
      host: req.host,
      port: req.port,
      username: req.username,
      ...sealDeviceAuth(ctx.secrets, id, req.auth),
      siteId: site.id,
      labels: JSON.stringify(req.labels),
      role: req.target.role,
      clusterName: req.target.role === "server" ? req.target.clusterName : null,
      clusterId: req.target.role === "agent" ? (req.target.clusterId ?? null) : null,
      joinDeviceId: req.target.role === "agent" ? (req.target.serverDeviceId ?? null) : null,
      joinServerUrl: req.target.role === "agent" ? (req.target.serverUrl?.replace(/\/$/, "") ?? null) : null,
      k3sOptions: JSON.stringify(k3s),
      datastoreSealed: sealDatastoreEndpoint(ctx.secrets, id, datastoreEndpoint),
      bundleId: req.bundleId ?? null,
    },
  });
  await recordAuditEvent(db, actor, {
    action: "device.create",
    targetType: "device",
    targetId: id,
    details: { name: req.name, host: req.host, port: req.port, username: req.username, auth: req.auth.method, role: req.target.role, site: site.name },
  });
  const job = req.provision ? await startProvisioning(ctx, actor, id, centreUrl) : null;
  return { device: await getDevice(ctx.db, id), job };
}
