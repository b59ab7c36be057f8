/**
 * The attacker of bench:soak, a child process (so its sockets do not share an event loop with the
 * signed-in user's probe): opens `total` unauthenticated connections from `sources` loopback
 * addresses (127.0.0.2 …), at most `inflight` at once. Even ones send a complete upgrade request
 * (kube exec, a websocket to /, …); odd ones send half a request head and then nothing (slow
 * headers). Each is followed until the centre answers or closes it. Reports counts by outcome.
 */
import { connect } from "node:net";

interface AttackOptions {
  port: number;
  total: number;
  inflight: number;
  sources: number;
}

const UPGRADES = [
  "GET /k8s/clusters/x/api/v1/namespaces/default/pods/p/exec?command=sh HTTP/1.1\r\nHost: c\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: c\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
  "GET /k8s/clusters/x/api HTTP/1.1\r\nHost: c\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n",
];
const SLOW_HEAD = "GET /api/v1/me HTTP/1.1\r\nHost: c\r\nX-Slow: ";
/** A connection the centre neither answers nor closes within this is counted as hanging. */
const GIVE_UP_MS = 30_000;

function once(opts: AttackOptions, i: number): Promise<string> {
  return new Promise((resolve) => {
    const localAddress = `127.0.0.${2 + (i % opts.sources)}`;
    const socket = connect({ port: opts.port, host: "127.0.0.1", localAddress });
    let first = "";
    let settled = false;
    const done = (outcome: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done("no answer in 30 s"), GIVE_UP_MS);
    socket.on("connect", () => socket.write(i % 2 === 0 ? UPGRADES[(i / 2) % UPGRADES.length]! : SLOW_HEAD));
    socket.on("data", (d: Buffer) => {
      if (!first) first = d.toString("latin1", 0, 16);
    });
    const ended = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(first)?.[1];
      done(`${i % 2 === 0 ? "upgrade" : "slow header"} → ${status ?? "closed without an answer"}`);
    };
    socket.on("end", ended);
    socket.on("close", ended);
    socket.on("error", (err: NodeJS.ErrnoException) => done(`${i % 2 === 0 ? "upgrade" : "slow header"} → ${first ? /^HTTP\/1\.1 (\d{3})/.exec(first)?.[1] : err.code ?? "error"}`));
  });
}

async function attack(opts: AttackOptions): Promise<{ outcomes: Record<string, number>; ms: number; maxOpen: number }> {
  const outcomes: Record<string, number> = {};
  let next = 0;
  let open = 0;
  let maxOpen = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < opts.total) {
      const i = next++;
      open++;
      maxOpen = Math.max(maxOpen, open);
      const outcome = await once(opts, i);
      open--;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: opts.inflight }, worker));
  return { outcomes, ms: performance.now() - started, maxOpen };
}

process.on("message", (raw) => {
  void attack(raw as AttackOptions).then((result) => {
    process.send?.(result);
    process.exit(0);
  });
});
