import { describe, expect, it } from "vitest";
import { AgentConfigError } from "../errors/agent-error";
import { DEFAULT_STATE_DIR, parseAgentArgs, type AgentConfig } from "./parse-args";

const TOKEN = "tok_0123456789abcdef";

function run(argv: string[], env: Record<string, string | undefined> = {}): AgentConfig {
  const parsed = parseAgentArgs(argv, env);
  if (parsed.kind !== "run") throw new Error(`expected a run command, got ${parsed.kind}`);
  return parsed.config;
}

function configError(argv: string[], env: Record<string, string | undefined> = {}): string {
  try {
    parseAgentArgs(argv, env);
  } catch (err) {
    if (!(err instanceof AgentConfigError)) throw err;
    expect(err.exitCode).toBe(2);
    return err.message;
  }
  throw new Error("expected an AgentConfigError");
}

describe("parseAgentArgs", () => {
  it("reads a full command line for a real cluster", () => {
    const config = run([
      "--server", "https://outpost.example.com/",
      "--registration-token-file", "/etc/outpost-agent/registration-token",
      "--kubeconfig", "/etc/rancher/k3s/k3s.yaml",
      "--state-dir", "/tmp/agent",
      "--heartbeat-interval", "2.5",
      "--root", "/mnt/device",
      "--k3s-token-file", "/srv/k3s/server/token",
    ]);
    expect(config).toEqual({
      server: "https://outpost.example.com",
      registrationToken: { from: "file", path: "/etc/outpost-agent/registration-token" },
      cluster: { mode: "kube", kubeconfig: "/etc/rancher/k3s/k3s.yaml" },
      stateDir: "/tmp/agent",
      heartbeatIntervalMs: 2500,
      outboxMaxBytes: 32 * 1024 * 1024,
      reconcileIntervalMs: 30_000,
      root: "/mnt/device",
      k3sTokenFile: "/srv/k3s/server/token",
    });
  });

  it("applies defaults for a simulated cluster and accepts --flag=value", () => {
    const config = run(["--server=https://127.0.0.1:3000", "--simulate=store-042"]);
    expect(config.cluster).toEqual({ mode: "simulate", name: "store-042", changeIntervalMs: 15_000 });
    expect(config.stateDir).toBe(DEFAULT_STATE_DIR);
    expect(config.heartbeatIntervalMs).toBe(5000);
    expect(config.registrationToken).toBeUndefined();
    expect(config.k3sTokenFile).toBe("/var/lib/rancher/k3s/server/node-token");
  });

  it("places bundles under / unless --root says otherwise, and wants it absolute", () => {
    expect(run(["--server", "https://c:1", "--simulate", "a"]).root).toBe("/");
    expect(configError(["--server", "https://c:1", "--simulate", "a", "--root", "relative/dir"])).toMatch(/--root must be an absolute directory/);
  });

  it("reads `import DIR` without needing a server", () => {
    expect(parseAgentArgs(["import", "/media/usb/bundle", "--state-dir", "/tmp/s", "--root", "/mnt/r"], {})).toEqual({
      kind: "import",
      config: { dir: "/media/usb/bundle", stateDir: "/tmp/s", root: "/mnt/r" },
    });
    expect(configError(["import"])).toMatch(/exactly one bundle directory/);
    expect(configError(["import", "a", "b"])).toMatch(/exactly one bundle directory/);
  });

  it("keeps a path prefix of the server URL", () => {
    expect(run(["--server", "https://host:8443/outpost//", "--simulate", "a"]).server).toBe("https://host:8443/outpost");
  });

  it("falls back to the environment", () => {
    const config = run([], {
      OUTPOST_SERVER: "http://centre:3000",
      OUTPOST_INSECURE_PLAIN_HTTP: "1",
      OUTPOST_REGISTRATION_TOKEN: TOKEN,
      OUTPOST_SIMULATE: "lab-1",
      OUTPOST_AGENT_STATE_DIR: "/srv/agent",
      OUTPOST_HEARTBEAT_INTERVAL: "10",
      OUTPOST_SIM_CHANGE_INTERVAL_MS: "500",
      OUTPOST_OUTBOX_MAX_BYTES: "1048576",
      OUTPOST_RECONCILE_INTERVAL_MS: "2000",
      OUTPOST_ROOT: "/srv/root",
      OUTPOST_K3S_TOKEN_FILE: "/etc/k3s-token",
    });
    expect(config).toEqual({
      server: "http://centre:3000",
      registrationToken: { from: "env", token: TOKEN },
      cluster: { mode: "simulate", name: "lab-1", changeIntervalMs: 500 },
      stateDir: "/srv/agent",
      heartbeatIntervalMs: 10_000,
      outboxMaxBytes: 1048576,
      reconcileIntervalMs: 2000,
      root: "/srv/root",
      k3sTokenFile: "/etc/k3s-token",
    });
  });

  it("rejects a bad outbox bound or reconcile interval", () => {
    expect(() => run(["--server", "https://c:1", "--simulate", "a"], { OUTPOST_OUTBOX_MAX_BYTES: "12" })).toThrow(/OUTPOST_OUTBOX_MAX_BYTES/);
    expect(() => run(["--server", "https://c:1", "--simulate", "a"], { OUTPOST_RECONCILE_INTERVAL_MS: "soon" })).toThrow(/OUTPOST_RECONCILE_INTERVAL_MS/);
  });

  it("lets flags win over the environment, cluster flags as a pair", () => {
    const env = { OUTPOST_SERVER: "https://env:1", OUTPOST_KUBECONFIG: "/env/kubeconfig", OUTPOST_REGISTRATION_TOKEN_FILE: "/env/token" };
    const config = run(["--server", "https://flag:2", "--simulate", "demo", "--registration-token-file", "/flag/token"], env);
    expect(config.server).toBe("https://flag:2");
    expect(config.registrationToken).toEqual({ from: "file", path: "/flag/token" });
    expect(config.cluster).toMatchObject({ mode: "simulate", name: "demo" });
  });

  it("treats empty environment variables as unset", () => {
    expect(run(["--server", "https://a", "--simulate", "x"], { OUTPOST_REGISTRATION_TOKEN: "", OUTPOST_HEARTBEAT_INTERVAL: " " }))
      .toMatchObject({ registrationToken: undefined, heartbeatIntervalMs: 5000 });
  });

  it("recognises --help and --version before checking anything else", () => {
    expect(parseAgentArgs(["--help"], {})).toEqual({ kind: "help" });
    expect(parseAgentArgs(["-h", "--simulate", "x"], {})).toEqual({ kind: "help" });
    expect(parseAgentArgs(["--version"], {})).toEqual({ kind: "version" });
  });

  it.each([
    [[], /--server URL is required/],
    [["--server", "https://a"], /one of --kubeconfig PATH or --simulate NAME is required/],
    [["--server", "https://a", "--simulate", "x", "--kubeconfig", "/k"], /exactly one of --kubeconfig and --simulate/],
    [["--server", "not a url", "--simulate", "x"], /must be a URL/],
    [["--server", "ws://a", "--simulate", "x"], /http or https/],
    [["--server", "https://user:pw@a", "--simulate", "x"], /must not contain credentials/],
    [["--server", "https://a", "--simulate", "Store_1"], /lower-case DNS label/],
    [["--server", "https://a", "--simulate", "x", "--registration-token", TOKEN], /every user of this machine \(ps\).*--registration-token-file/],
    [["--server", "https://a", "--simulate", "x", "--registration-token-file", ""], /--registration-token-file must be a file path/],
    [["--server", "https://a", "--simulate", "x", "--heartbeat-interval", "soon"], /--heartbeat-interval/],
    [["--server", "https://a", "--simulate", "x", "--heartbeat-interval", "0"], /--heartbeat-interval/],
    [["--server", "https://a", "--simulate", "x", "--state-dir", ""], /--state-dir/],
    [["--server", "https://a", "--kubeconfig", ""], /--kubeconfig must be a file path/],
    [["--server", "https://a", "--simulate", "x", "--verbose"], /Unknown option '--verbose'/],
    [["--server", "https://a", "--simulate", "x", "extra"], /Unexpected argument 'extra'/],
    [["--server"], /argument missing/],
  ])("rejects %j", (argv, message) => {
    expect(configError(argv)).toMatch(message);
  });

  it("rejects conflicting cluster sources in the environment", () => {
    expect(configError(["--server", "https://a"], { OUTPOST_KUBECONFIG: "/k", OUTPOST_SIMULATE: "x" })).toMatch(/exactly one/);
  });

  it("rejects a bad simulation change interval", () => {
    expect(configError(["--server", "https://a", "--simulate", "x"], { OUTPOST_SIM_CHANGE_INTERVAL_MS: "fast" })).toMatch(/OUTPOST_SIM_CHANGE_INTERVAL_MS/);
  });

  it("keeps the token out of its error messages", () => {
    const secret = "s3cr3t-but-too-long-".repeat(20);
    expect(configError(["--server", "https://a", "--simulate", "x", "--registration-token", secret])).not.toContain("s3cr3t");
    const fromEnv = configError(["--server", "https://a", "--simulate", "x"], { OUTPOST_REGISTRATION_TOKEN: secret });
    expect(fromEnv).toMatch(/OUTPOST_REGISTRATION_TOKEN must hold a registration token of 16 to 256 characters/);
    expect(fromEnv).not.toContain("s3cr3t");
  });

  it("refuses a plain http:// centre unless told --insecure-plain-http", () => {
    expect(configError(["--server", "http://outpost.lan", "--simulate", "x"])).toMatch(/plain http.*use https, or pass --insecure-plain-http/);
    expect(run(["--server", "http://outpost.lan", "--simulate", "x", "--insecure-plain-http"]).server).toBe("http://outpost.lan");
    expect(run(["--server", "http://outpost.lan", "--simulate", "x"], { OUTPOST_INSECURE_PLAIN_HTTP: "1" }).server).toBe("http://outpost.lan");
  });
});
