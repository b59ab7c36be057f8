import type { Socket } from "socket.io-client";
import { rawExchange } from "../raw-http";
import { outcomeOf, type FuzzCase, type FuzzOutcome } from "./fuzz-edge";
import type { FuzzRandom } from "./fuzz-random";
import { hostileValue, poisonString } from "./hostile-values";

export interface KubeFuzzTarget {
  port: number;
  /** A cluster whose (hostile) agent is connected. */
  clusterId: string;
  adminToken: string;
  viewerToken: string;
}

function kubeRequest(port: number, method: string, path: string, headers: string[], body = ""): Promise<FuzzOutcome> {
  const head = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...headers, ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : [])].join("\r\n");
  return rawExchange(port, `${head}\r\n\r\n${body}`, { untilComplete: true, idleMs: 300 }).then((r) => outcomeOf(r.status, r.body));
}

/**
 * Malformed requests to the kube API proxy, none of which may reach the device: no or forged
 * tokens, malformed cookies, path tricks, clusters that do not exist, methods and framing the
 * centre refuses, upgrades on plain requests, and a viewer's writes.
 */
export function kubeProxyCases(t: KubeFuzzTarget, r: FuzzRandom, count: number): FuzzCase[] {
  const base = `/k8s/clusters/${t.clusterId}`;
  const admin = `Authorization: Bearer ${t.adminToken}`;
  const makers: (() => FuzzCase)[] = [
    () => ({ label: "no token", send: () => kubeRequest(t.port, "GET", `${base}/api/v1/namespaces`, []) }),
    () => {
      const auth = r.pick(["Bearer opt_forged", "Bearer", `Bearer ${"z".repeat(9000)}`, "Basic YTpi", "Bearer \u00ff"]);
      return { label: `token ${JSON.stringify(auth.slice(0, 20))}`, send: () => kubeRequest(t.port, "GET", `${base}/api`, [`Authorization: ${auth}`]) };
    },
    () => ({ label: "malformed cookie", send: () => kubeRequest(t.port, "GET", `${base}/api`, [`Cookie: outpost_session=${r.pick(["%zz", "%", "%E0%A4%A"])}`]) }),
    () => {
      const path = r.pick([`${base}/%2e%2e/x/api`, `${base}/../x/api`, `${base}//evil/api`, `${base}/api/%2f..%2f`, `${base}/api/v1/%zz`, `${base}/a\\b`, `${base}%2f..%2fx/api`, `${base}/api/./v1`, `${base}/api/v1/nodes%00`, `${base}/api/v1/%0d%0aHost:%20evil`]);
      return { label: `path ${path.slice(base.length)}`, send: () => kubeRequest(t.port, "GET", path, [admin]) };
    },
    () => {
      const id = r.pick(["no-such-cluster", "%zz", "x".repeat(80), "..", "a.b", "__proto__"]);
      return { label: `cluster ${id.slice(0, 20)}`, send: () => kubeRequest(t.port, "GET", `/k8s/clusters/${id}/api`, [admin]) };
    },
    () => {
      const method = r.pick(["TRACE", "PROPFIND", "M-SEARCH", "LINK"]);
      return { label: `method ${method}`, send: () => kubeRequest(t.port, method, `${base}/api`, [admin, "Content-Length: 0"]) };
    },
    () => ({ label: "Transfer-Encoding gzip", send: () => kubeRequest(t.port, "POST", `${base}/api/v1/namespaces`, [admin, "Transfer-Encoding: gzip"], "abc") }),
    () => ({ label: "upgrade header on a plain request", send: () => kubeRequest(t.port, "GET", `${base}/api/v1/namespaces/default/pods/p/exec`, [admin, "Upgrade: SPDY/3.1"]) }),
    () => {
      const method = r.pick(["POST", "PUT", "PATCH", "DELETE"]);
      return { label: `viewer ${method}`, send: () => kubeRequest(t.port, method, `${base}/api/v1/namespaces/default/configmaps/x`, [`Authorization: Bearer ${t.viewerToken}`, "Content-Type: application/json"], "{}") };
    },
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!());
}

type Answer = (socket: Socket, streamId: number) => void;

/**
 * Malformed answers from a hostile agent to a proxied request, each of which must reach the
 * caller as a 502 with a kube Status (never a 500, never a hang, never the device's framing).
 * Returns the cases and the handler the hostile agent runs on each tunnel:open.
 */
export function tunnelAnswerCases(t: KubeFuzzTarget, agent: Socket, r: FuzzRandom, count: number): FuzzCase[] {
  let answer: Answer = () => {};
  agent.on("tunnel:open", (open: { streamId: number }) => answer(agent, open.streamId));
  const respond = (head: Record<string, unknown>) => (s: Socket, streamId: number) => s.emit("tunnel:response", { streamId, ...head });
  const makers: (() => { what: string; answer: Answer })[] = [
    () => {
      const status = r.pick([0, 99, 100, 101, 103, 199, 600, 1000, -200, 200.5, "200", null]);
      return { what: `status ${JSON.stringify(status)}`, answer: respond({ status, headers: {}, end: true }) };
    },
    () => {
      const headers = r.pick([[], "x", 7, null, { "content-type": 5 }, Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`h${i}`, "v"])), { ["x".repeat(300)]: "v" }, { a: "v".repeat(9000) }]);
      return { what: `headers ${JSON.stringify(headers)?.slice(0, 40)}`, answer: respond({ status: 200, headers, end: true }) };
    },
    () => ({ what: "poison header value", answer: respond({ status: 200, headers: { etag: poisonString(r) }, body: Buffer.from("{}"), end: true }) }),
    () => {
      const location = r.pick(["https://evil.example/", "//evil.example", "/\\evil", "javascript:alert(1)", "/a/../../../ui", "evil"]);
      return { what: `redirect ${location}`, answer: respond({ status: r.pick([301, 302, 307, 308]), headers: { location }, end: true }) };
    },
    () => ({ what: "body that is not binary", answer: respond({ status: 200, headers: {}, body: r.pick(["text", 7, { a: 1 }, [1, 2]]), end: true }) }),
    () => ({ what: "oversized first chunk", answer: respond({ status: 200, headers: {}, body: Buffer.alloc(64 * 1024 + 1 + r.int(1000)), end: true }) }),
    () => ({ what: "data before the response", answer: (s, streamId) => s.emit("tunnel:data", { streamId, chunk: Buffer.from("x") }, () => {}) }),
    () => ({ what: "malformed end", answer: (s, streamId) => s.emit("tunnel:end", { streamId, error: r.pick([7, "e".repeat(2000), null, {}]) }) }),
    () => ({ what: "end with an error", answer: (s, streamId) => s.emit("tunnel:end", { streamId, error: r.pick(["boom", "line\nbreak", poisonString(r)]) }) }),
    () => ({ what: "cancel", answer: (s, streamId) => s.emit("tunnel:cancel", { streamId, reason: r.pick(["no", hostileValue(r)]) }) }),
  ];
  return Array.from({ length: count }, (_, i): FuzzCase => {
    const m = makers[i % makers.length]!();
    return {
      label: m.what,
      send: () => {
        answer = m.answer;
        return kubeRequest(t.port, "GET", `/k8s/clusters/${t.clusterId}/api/v1/namespaces`, [`Authorization: Bearer ${t.adminToken}`]);
      },
    };
  });
}
