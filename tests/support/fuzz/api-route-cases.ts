import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fillRoute, type ApiRoute } from "../api-routes";
import { REPO_DIR } from "../paths";
import { rawExchange } from "../raw-http";
import { outcomeOf, type FuzzCase, type FuzzOutcome } from "./fuzz-edge";
import type { FuzzRandom } from "./fuzz-random";
import { hostileValue, poisonString } from "./hostile-values";

export interface ApiFuzzTarget {
  port: number;
  /** `outpost_session=…` of a signed-in admin (the fuzz never signs it out). */
  adminCookie: string;
}

/** How a route method is built, read from its source: who may call it and whether it takes a JSON body. */
interface RouteKind {
  wrapper: "apiRoute" | "publicRoute" | "custom";
  body: boolean;
}

function routeKind(route: ApiRoute): RouteKind {
  const file = join(REPO_DIR, "apps/web/app", route.path, "route.ts");
  const src = readFileSync(file, "utf8");
  const m = new RegExp(`export\\s+const\\s+${route.method}\\s*=\\s*(apiRoute|publicRoute)\\s*\\(([^]*?)=>`).exec(src);
  if (!m) return { wrapper: "custom", body: false };
  if (m[1] === "publicRoute") return { wrapper: "publicRoute", body: true };
  return { wrapper: "apiRoute", body: /\bbody\s*:/.test(m[2] ?? "") };
}

const OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const BAD_IDS = () => ["%zz", "%ff", "%ed%a0%80", "no-such-id", "x".repeat(300), "..%2f..%2fetc", "%00", "a%0d%0aSet-Cookie:%20x=y", "😀", "__proto__"];
const BAD_COOKIES = ["outpost_session=%zz", "outpost_session=%E0%A4%A", "outpost_session=%"];
const FORGED_AUTH = ["Bearer opt_forged-token-that-does-not-exist", "Bearer ", "Basic YWRtaW46YWRtaW4=", `Bearer ${"A".repeat(5000)}`, "Bearer \u00ff\u00fe"];

function send(port: number, method: string, path: string, headers: string[], body?: Buffer): Promise<FuzzOutcome> {
  const head = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...headers, ...(body ? [`Content-Length: ${body.length}`] : [])].join("\r\n");
  const raw = Buffer.concat([Buffer.from(`${head}\r\n\r\n`, "latin1"), body ?? Buffer.alloc(0)]);
  return rawExchange(port, raw, { untilComplete: true, idleMs: 300 }).then((r) => outcomeOf(r.status, r.body));
}

/** A JSON body no route's schema accepts: broken syntax, the wrong shape, poison values, too large, or not UTF-8. */
function malformedBody(r: FuzzRandom): { body: Buffer; contentType: string; what: string } {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v), "utf8");
  const key = r.pick(["name", "username", "password", "labels", "manifests", "siteId", "role", "token", "x"]);
  switch (r.int(9)) {
    case 0:
      return { body: Buffer.from(r.pick(["{", '{"name":', "[1,]", "{'a':1}", "nul\u0000", '{"a":1}}', "", " "]), "utf8"), contentType: "application/json", what: "broken JSON" };
    case 1:
      return { body: json(r.pick([[], 1, "text", null, true, [{}]])), contentType: "application/json", what: "not an object" };
    case 2:
      return { body: json({ [key]: poisonString(r), name: poisonString(r) }), contentType: "application/json", what: "poison strings" };
    case 3: {
      // Strings could be valid somewhere ("null" is a fine site name): only values no string field takes.
      let v = hostileValue(r);
      while (typeof v === "string") v = hostileValue(r);
      return { body: json({ [key]: v, name: v, username: v }), contentType: "application/json", what: "hostile values" };
    }
    case 4: {
      let v: unknown = "deep";
      for (let i = 0; i < 150 + r.int(2000); i++) v = { [key]: v };
      return { body: json(v), contentType: "application/json", what: "over-deep" };
    }
    case 5:
      return { body: Buffer.concat([Buffer.from('{"name":"'), Buffer.alloc(1024 * 1024 + r.int(4096), "a"), Buffer.from('"}')]), contentType: "application/json", what: "over 1 MiB" };
    case 6:
      return { body: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), contentType: "application/json", what: "invalid UTF-8" };
    case 7:
      return { body: json({ name: "ok" }), contentType: r.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx"]), what: "wrong media type" };
    default:
      return { body: json({ [`${key}\u0000`]: 1, [`k\ud800`]: 2 }), contentType: "application/json", what: "poison keys" };
  }
}

/**
 * Malformed requests for one API route and method, every one of which must be refused with a
 * 4xx and the JSON error: no or forged credentials, malformed cookies, ids that exist nowhere
 * or are not valid encoding, bodies its schema cannot accept, framing Node would refuse, another
 * site's origin, and methods the route does not serve. A request that would be valid (an admin
 * reading a list) is never sent.
 */
export function apiRouteCases(route: ApiRoute, target: ApiFuzzTarget, r: FuzzRandom, count: number, routeMethods: string[]): FuzzCase[] {
  const kind = routeKind(route);
  const hasParam = route.path.includes("[");
  const mutating = route.method !== "GET";
  const admin = `Cookie: ${target.adminCookie}`;
  const pathWith = (id: string) => (hasParam ? fillRoute(route.path, {}, id) : route.path);
  const safePath = () => pathWith(r.pick(["no-such-id", "c0000000000000000000000000"]));
  const classes: { name: string; make: () => FuzzCase }[] = [];
  const add = (name: string, make: () => Omit<FuzzCase, "label"> & { label?: string }) => classes.push({ name, make: () => ({ label: name, ...make() }) as FuzzCase });

  if (kind.wrapper !== "custom") {
    add("no credentials", () => {
      const body = kind.body ? malformedBody(r) : null;
      return { label: `no credentials${body ? `, ${body.what}` : ""}`, send: () => send(target.port, route.method, safePath(), body ? [`Content-Type: ${body.contentType}`] : [], body?.body) };
    });
    add("malformed session cookie", () => {
      const body = kind.body ? malformedBody(r) : null;
      return { send: () => send(target.port, route.method, safePath(), [`Cookie: ${r.pick(BAD_COOKIES)}`, ...(body ? [`Content-Type: ${body.contentType}`] : [])], body?.body) };
    });
  }
  if (kind.wrapper === "apiRoute") {
    add("forged token", () => ({ send: () => send(target.port, route.method, safePath(), [`Authorization: ${r.pick(FORGED_AUTH)}`]) }));
    if (mutating) add("another site's origin", () => ({ send: () => send(target.port, route.method, safePath(), [admin, `Origin: ${r.pick(["http://evil.example", "null", "https://127.0.0.1.evil.example"])}`, "Content-Type: application/json"], Buffer.from("{}")) }));
  }
  if (hasParam && kind.wrapper !== "custom") {
    add("id that is not there or not valid", () => {
      const id = r.pick(BAD_IDS());
      return { label: `id ${JSON.stringify(id.slice(0, 40))}`, send: () => send(target.port, route.method, pathWith(id), [admin, ...(kind.body ? ["Content-Type: application/json"] : [])], kind.body ? Buffer.from("{}") : undefined) };
    });
  }
  if (kind.body) {
    add("malformed body", () => {
      const body = malformedBody(r);
      return { label: `body: ${body.what}`, send: () => send(target.port, route.method, safePath(), [admin, `Content-Type: ${body.contentType}`], body.body) };
    });
  }
  add("Transfer-Encoding other than chunked", () => ({
    send: () => send(target.port, route.method, safePath(), [admin, `Transfer-Encoding: ${r.pick(["gzip", "gzip, chunked", "chunked, gzip", "identity", "x"])}`], Buffer.from("abc")),
  }));
  add("path that is not valid percent-encoding", () => ({ send: () => send(target.port, route.method, `${safePath()}${r.pick(["/%zz", "%ff", "/%E0%A4%A", "/%"])}`, [admin]) }));
  add("method not served", () => {
    const method = r.pick([...OTHER_METHODS.filter((m) => !routeMethods.includes(m)), "TRACE", "PROPFIND", "CONNECT_", "M-SEARCH"]);
    return { label: `method ${method}`, send: () => send(target.port, method, safePath(), [admin, "Content-Length: 0"]) };
  });

  return Array.from({ length: count }, (_, i) => classes[i % classes.length]!.make());
}
