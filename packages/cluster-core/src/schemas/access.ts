import { z } from "zod";
import { ZId, ZResourceName, ZRole, type Role } from "./common";
import { ZLabelSelector } from "../helpers/label-selector-schema";

// ---- grants: who may do what on which clusters -----------------------------------------

/** A label selector a grant can use: valid Kubernetes selector syntax, and not empty (that is scope "all"). */
export const ZGrantSelector = z
  .string()
  .trim()
  .min(1, "a selector is required (e.g. city=berlin); for every cluster use the scope 'all'")
  .pipe(ZLabelSelector);

/** Which clusters a grant covers. */
export const ZGrantScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("site"), siteId: ZId }),
  z.object({ kind: z.literal("selector"), selector: ZGrantSelector }),
]);
export type GrantScope = z.infer<typeof ZGrantScope>;

/** Who holds a grant: one user or every member of a group. */
export const ZGrantSubject = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: ZId }),
  z.object({ kind: z.literal("group"), groupId: ZId }),
]);
export type GrantSubject = z.infer<typeof ZGrantSubject>;

export const ZCreateGrantRequest = z.object({ subject: ZGrantSubject, role: ZRole, scope: ZGrantScope });
export type CreateGrantRequest = z.infer<typeof ZCreateGrantRequest>;

export interface GrantView {
  id: string;
  subject: { kind: "user"; userId: string; name: string } | { kind: "group"; groupId: string; name: string };
  role: Role;
  scope: { kind: "all" } | { kind: "site"; siteId: string; siteName: string } | { kind: "selector"; selector: string };
  createdAt: string;
}

// ---- groups ----------------------------------------------------------------------------

export const ZCreateGroupRequest = z.object({ name: ZResourceName });
export const ZGroupMemberRequest = z.object({ userId: ZId });

export interface GroupView {
  id: string;
  name: string;
  members: { userId: string; username: string }[];
  createdAt: string;
}

// ---- token scopes -------------------------------------------------------------------------

/** "api": the JSON API and the kube API of every cluster the owner may reach; "kubeconfig:<id>": that cluster's kube API only. */
export const ZTokenScope = z.union([z.literal("api"), z.string().regex(/^kubeconfig:[A-Za-z0-9_-]{1,64}$/, "scope is 'api' or 'kubeconfig:<cluster id>'")]);
export type TokenScope = z.infer<typeof ZTokenScope>;
