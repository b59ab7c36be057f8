import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestTls {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/**
 * A throw-away CA and a certificate for 127.0.0.1/localhost signed by it, made once with
 * openssl and reused. Tests that need HTTPS (kubectl sends tokens only over HTTPS) serve the
 * centre with it; vitest.config.ts makes every test process trust the CA.
 */
export function ensureTestTls(): TestTls {
  const dir = join(tmpdir(), "outpost-test-tls-v1");
  const files = { caFile: join(dir, "ca.pem"), certFile: join(dir, "cert.pem"), keyFile: join(dir, "key.pem") };
  if (existsSync(files.caFile) && existsSync(files.certFile) && existsSync(files.keyFile)) return files;
  const work = `${dir}.${process.pid}`;
  mkdirSync(work, { recursive: true });
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
  ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650", "-subj", "/CN=Outpost test CA", "-keyout", "ca-key.pem", "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  ssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "cert.csr");
  writeFileSync(join(work, "leaf.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
  ssl("x509", "-req", "-in", "cert.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days", "3650", "-out", "cert.pem", "-extfile", "leaf.ext");
  // Appear all at once: parallel test processes either see the whole set or make their own.
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  return files;
}

/**
 * A CA bundle for NODE_EXTRA_CA_CERTS: whatever the environment already trusts that way, plus
 * the test CA. (Some machines set NODE_EXTRA_CA_CERTS to the system bundle; keep it.)
 */
export function testTrustBundle(): string {
  const { caFile } = ensureTestTls();
  const existing = process.env.NODE_EXTRA_CA_CERTS;
  if (!existing || existing === caFile || existing.endsWith("outpost-test-trust.pem")) return caFile;
  const bundle = join(tmpdir(), `outpost-test-trust-${process.pid}.pem`).replace(/\.pem$/, "-outpost-test-trust.pem");
  let base = "";
  try {
    base = readFileSync(existing, "utf8");
  } catch {
    // an unreadable setting is ignored, as Node itself does
  }
  writeFileSync(bundle, `${base}\n${readFileSync(caFile, "utf8")}`);
  return bundle;
}
