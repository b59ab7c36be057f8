import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentConfigError } from "../errors/agent-error";
import { credentialPath, readStoredCredential, writeStoredCredential, type StoredCredential } from "./credential-store";

const CREDENTIAL: StoredCredential = {
  server: "https://outpost.example.com",
  clusterId: "clu_01HXYZ",
  clusterName: "store-042",
  credential: "c".repeat(48),
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "outpost-agent-cred-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readError(stateDir: string): Promise<AgentConfigError> {
  try {
    await readStoredCredential(stateDir);
  } catch (err) {
    if (err instanceof AgentConfigError) return err;
    throw err;
  }
  throw new Error("expected an AgentConfigError");
}

describe("credential store", () => {
  it("returns null when nothing is stored yet", async () => {
    expect(await readStoredCredential(dir)).toBeNull();
    expect(await readStoredCredential(join(dir, "does-not-exist"))).toBeNull();
  });

  it("writes a 0600 file that reads back the same, creating the state dir 0700", async () => {
    const stateDir = join(dir, "nested", "state");
    const previousUmask = process.umask(0); // the file must be private even under a permissive umask
    try {
      await writeStoredCredential(stateDir, CREDENTIAL);
    } finally {
      process.umask(previousUmask);
    }
    expect((await stat(credentialPath(stateDir))).mode & 0o777).toBe(0o600);
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    expect(await readStoredCredential(stateDir)).toEqual(CREDENTIAL);
    expect(JSON.parse(await readFile(credentialPath(stateDir), "utf8"))).toEqual(CREDENTIAL);
  });

  it("replaces an existing file whole and leaves no temporary files", async () => {
    await writeStoredCredential(dir, CREDENTIAL);
    const next = { ...CREDENTIAL, clusterName: "store-043", credential: "d".repeat(64) };
    await writeStoredCredential(dir, next);
    expect(await readStoredCredential(dir)).toEqual(next);
    expect(await readdir(dir)).toEqual(["credential.json"]);
  });

  it("leaves the old file intact and cleans up when the final rename fails", async () => {
    // A directory in the file's place makes rename() fail after the temp file was written:
    // the state must be exactly as before, with no half-written or stray files.
    const blocked = join(dir, "blocked");
    await mkdir(join(blocked, "credential.json", "occupant"), { recursive: true });
    await expect(writeStoredCredential(blocked, CREDENTIAL)).rejects.toThrow();
    expect(await readdir(blocked)).toEqual(["credential.json"]);
    expect(await readdir(join(blocked, "credential.json"))).toEqual(["occupant"]);
  });

  it("refuses to write something that is not a credential", async () => {
    await expect(writeStoredCredential(dir, { ...CREDENTIAL, credential: "short" })).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it("rejects a file that is not JSON", async () => {
    await writeFile(credentialPath(dir), '{"server": "https://outpost.exa', { mode: 0o600 });
    const err = await readError(dir);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/credential\.json is corrupt \(not JSON\)/);
  });

  it("rejects a file with missing or wrong fields, naming the fields but not the values", async () => {
    await writeFile(credentialPath(dir), JSON.stringify({ ...CREDENTIAL, clusterId: "no spaces allowed", credential: "leaked-secret" }));
    const err = await readError(dir);
    expect(err.message).toMatch(/corrupt \(bad clusterId, credential\)/);
    expect(err.message).not.toContain("leaked-secret");
  });

  it("rejects an empty file", async () => {
    await writeFile(credentialPath(dir), "");
    expect((await readError(dir)).message).toMatch(/corrupt/);
  });
});
