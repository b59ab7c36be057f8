import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { connectHostileAgent, type HostileAgent } from "../support/hostile-agent";
import { rawExchange, type RawExchange } from "../support/raw-http";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string;
  /** Streamed after the head instead of inside it. */
  chunks?: string[];
}

/**
 * Issue 15, defect 1: a compromised device answers kube API requests through its tunnel. The
 * centre decides the framing, filters headers, keeps redirects inside the proxy and sandboxes
 * whatever it relays.
 */
describe("what the centre relays from a hostile agent's answers", () => {
  let db: TestDatabase;
  let centre: Centre;
  let agent: HostileAgent;
  let token: string;
  let next: Answer;

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    token = (await admin.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "relay" })).token;
    agent = await connectHostileAgent(centre.url, admin, "liar");
    agent.socket.on("tunnel:open", (open: { streamId: number }) => {
      const { streamId } = open;
      const a = next;
      if (!a.chunks) {
        agent.socket.emit("tunnel:response", { streamId, status: a.status, headers: a.headers, body: Buffer.from(a.body ?? ""), end: true });
        return;
      }
      agent.socket.emit("tunnel:response", { streamId, status: a.status, headers: a.headers });
      for (const chunk of a.chunks) agent.socket.emit("tunnel:data", { streamId, chunk: Buffer.from(chunk) }, () => {});
      agent.socket.emit("tunnel:end", { streamId });
    });
  });
  afterAll(async () => {
    agent?.close();
    await centre?.stop();
    await db?.drop();
  });

  const ask = (answer: Answer, path = "/api/v1/namespaces"): Promise<RawExchange> => {
    next = answer;
    return rawExchange(centre.port, `GET /k8s/clusters/${agent.clusterId}${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n\r\n`, {});
  };
  const header = (res: RawExchange, name: string) => res.headers.filter(([k]) => k === name).map(([, v]) => v);

  it("frames a complete answer by its real length: a short content-length smuggles no second response", async () => {
    const smuggled = "HTTP/1.1 200 OK\r\ncontent-length: 7\r\n\r\nowned!\n";
    const res = await ask({ status: 200, headers: { "content-type": "application/json", "content-length": "2" }, body: `{}${smuggled}` });
    expect(res.status).toBe(200);
    expect(header(res, "content-length")).toEqual([String(2 + smuggled.length)]);
    expect(res.raw.match(/^HTTP\/1\.1 /gm)).toHaveLength(1);
  });

  it("sends one length header of its own whatever the device's spelling or value", async () => {
    for (const headers of [{ "Content-Length": "3" } as Record<string, string | string[]>, { "CONTENT-LENGTH": ["1", "9"] }, { "content-length": "abc" }, { "content-length": "-1" }, { "Transfer-Encoding": "chunked" }]) {
      const res = await ask({ status: 200, headers: { "content-type": "text/plain", ...headers }, body: "abcdef" });
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(header(res, "content-length"), JSON.stringify(headers)).toEqual(["6"]);
      expect(header(res, "transfer-encoding")).toEqual([]);
      expect(res.body).toBe("abcdef");
    }
  });

  it("never relays set-cookie, hop-by-hop or unknown headers; keeps kube's own", async () => {
    const res = await ask({
      status: 200,
      headers: {
        "content-type": "application/json",
        "set-cookie": "outpost_session=chosen-by-the-device; Path=/",
        "Set-Cookie": ["a=b"],
        connection: "keep-alive, x-evil",
        "keep-alive": "timeout=999",
        "x-evil": "1",
        "strict-transport-security": "max-age=0",
        "access-control-allow-origin": "*",
        "audit-id": "4b5c",
        warning: '299 - "v1beta1 is deprecated"',
        "cache-control": "no-cache, private",
      },
      body: "{}",
    });
    expect(res.status).toBe(200);
    const names = res.headers.map(([k]) => k);
    for (const bad of ["set-cookie", "x-evil", "strict-transport-security", "access-control-allow-origin"]) expect(names, bad).not.toContain(bad);
    // Node frames the connection itself (connection: keep-alive, keep-alive: timeout=5).
    expect(header(res, "connection")).not.toContain("keep-alive, x-evil");
    expect(header(res, "keep-alive")).not.toContain("timeout=999");
    expect(header(res, "audit-id")).toEqual(["4b5c"]);
    expect(header(res, "warning")).toEqual(['299 - "v1beta1 is deprecated"']);
    expect(header(res, "cache-control")).toEqual(["no-cache, private"]);
  });

  it("sandboxes every relayed answer, complete or streamed", async () => {
    const answers: Answer[] = [
      { status: 200, headers: { "content-type": "text/html" }, body: "<script>alert(1)</script>" },
      { status: 200, headers: { "content-type": "text/html", "content-security-policy": "default-src *", "x-content-type-options": "sniff" }, chunks: ["<script>", "alert(1)</script>"] },
    ];
    for (const answer of answers) {
      const res = await ask(answer);
      expect(res.status).toBe(200);
      expect(header(res, "content-security-policy")).toEqual(["sandbox"]);
      expect(header(res, "x-content-type-options")).toEqual(["nosniff"]);
    }
  });

  it("keeps redirects inside the cluster's proxy prefix and refuses any other", async () => {
    const inside = await ask({ status: 302, headers: { location: "/api/v1/namespaces/default" } });
    expect(inside.status).toBe(302);
    expect(header(inside, "location")).toEqual([`/k8s/clusters/${agent.clusterId}/api/v1/namespaces/default`]);
    for (const location of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "/api/../../../ui", "/a\r\nset-cookie: x=y"]) {
      const res = await ask({ status: 302, headers: { location } });
      expect(res.status, location).toBe(502);
      expect(header(res, "location"), location).toEqual([]);
      expect(res.raw, location).toContain('"kind":"Status"');
    }
  });

  it("answers 502 for statuses outside 200-599 (informational and upgrades)", async () => {
    for (const status of [100, 101, 103, 199]) {
      const res = await ask({ status, headers: { upgrade: "websocket", connection: "upgrade" }, body: "x" });
      expect(res.status, String(status)).toBe(502);
      expect(res.raw).toContain('"kind":"Status"');
      expect(res.closedByServer || res.raw.includes("\r\n\r\n")).toBe(true);
    }
  });

  it("drops malformed header names and values instead of failing with Node's own message", async () => {
    const res = await ask({ status: 200, headers: { "content-type": "application/json", "bad header": "1", "x:y": "2", "": "3", "cache-control": "a\r\nset-cookie: x=y", etag: "\u007f" }, body: "{}" });
    expect(res.raw.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
    expect(res.raw).not.toMatch(/Invalid|ERR_/);
    expect(res.headers.map(([k]) => k)).not.toContain("set-cookie");
    expect(header(res, "cache-control")).toEqual([]);
    expect(header(res, "etag")).toEqual([]);
    expect(res.body).toBe("{}");
  });

  it("answers 502 at once when the device's answer carries a NUL (refused before it is read)", async () => {
    const res = await ask({ status: 200, headers: { "content-type": "application/json", etag: "\u0000" }, body: "{}" });
    expect(res.status).toBe(502);
    expect(res.body).toContain("the agent's answer was malformed");
  });
});
