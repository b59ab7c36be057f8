import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readRegistrationToken } from "./read-registration-token";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "outpost-agent-token-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readRegistrationToken", () => {
  it("reads the token from its file, without the trailing newline an editor or echo leaves", async () => {
    await writeFile(join(dir, "token"), "reg_0123456789abcdef0123\n", { mode: 0o600 });
    expect(await readRegistrationToken({ from: "file", path: join(dir, "token") })).toBe("reg_0123456789abcdef0123");
  });

  it("says which file could not be read, or does not hold a token, without echoing its content", async () => {
    await expect(readRegistrationToken({ from: "file", path: join(dir, "missing") })).rejects.toThrow(/cannot read the registration token file .*missing/);
    await writeFile(join(dir, "short"), "s3cr3t");
    const err = await readRegistrationToken({ from: "file", path: join(dir, "short") }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/registration token file .*short must hold a registration token/);
    expect((err as Error).message).not.toContain("s3cr3t");
  });
});
