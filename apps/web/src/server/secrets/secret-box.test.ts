import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox, SecretBoxError } from "./secret-box";
import { loadSecretKey } from "./load-secret-key";

describe("secret box", () => {
  const box = createSecretBox(randomBytes(32));

  it("opens what it sealed, and the sealed text does not contain the secret", () => {
    const sealed = box.seal("-----BEGIN OPENSSH PRIVATE KEY-----", "device:d1:ssh-key");
    expect(sealed).not.toContain("OPENSSH");
    expect(box.open(sealed, "device:d1:ssh-key").toString()).toBe("-----BEGIN OPENSSH PRIVATE KEY-----");
  });

  it("seals the same secret differently each time", () => {
    expect(box.seal("x", "p")).not.toBe(box.seal("x", "p"));
  });

  it("refuses a value sealed for another purpose, with another key, or tampered with", () => {
    const sealed = box.seal("secret", "device:d1:password");
    expect(() => box.open(sealed, "device:d2:password")).toThrow(SecretBoxError);
    expect(() => createSecretBox(randomBytes(32)).open(sealed, "device:d1:password")).toThrow(/does not open/);
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 3), body.toString("base64url")].join("."), "device:d1:password")).toThrow(SecretBoxError);
    expect(() => box.open("plain text", "device:d1:password")).toThrow(/not a sealed secret/);
  });
});

describe("loadSecretKey", () => {
  it("generates a 0600 key file on first start and reads the same key afterwards", () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), "outpost-key-")), "secret.key");
    const first = loadSecretKey({ keyFile });
    expect(first.source).toContain("generated");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ keyFile }).key.equals(first.key)).toBe(true);
  });

  it("takes OUTPOST_SECRET_KEY as base64 or hex, and refuses anything else with how to make one", () => {
    const key = randomBytes(32);
    const keyFile = join(mkdtempSync(join(tmpdir(), "outpost-key-")), "secret.key");
    expect(loadSecretKey({ envValue: key.toString("base64"), keyFile }).key.equals(key)).toBe(true);
    expect(loadSecretKey({ envValue: key.toString("hex"), keyFile }).key.equals(key)).toBe(true);
    expect(() => loadSecretKey({ envValue: "too-short", keyFile })).toThrow(/openssl rand -base64 32/);
  });

  it("refuses a damaged key file instead of replacing it", () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), "outpost-key-")), "secret.key");
    writeFileSync(keyFile, "garbage\n", { mode: 0o600 });
    expect(() => loadSecretKey({ keyFile })).toThrow(SecretBoxError);
    expect(readFileSync(keyFile, "utf8")).toBe("garbage\n");
  });
});
