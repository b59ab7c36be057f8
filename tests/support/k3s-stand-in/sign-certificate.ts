import { execFileSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SignedCertificate {
  certPem: string;
  keyPem: string;
}

/**
 * A new P-256 key and a certificate for it signed by the CA in `caCert`/`caKey` (PEM files),
 * with openssl as testcluster.sh makes its certificates: `client` for a user (CN/O) or
 * `server` with subjectAltNames ("DNS:x", "IP:1.2.3.4").
 */
export function signCertificate(opts: { caCert: string; caKey: string; subject: string; usage: "client" | "server"; altNames?: string[] }): SignedCertificate {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const dir = mkdtempSync(join(tmpdir(), "k3s-cert-"));
  try {
    writeFileSync(join(dir, "key.pem"), keyPem, { mode: 0o600 });
    const ext = [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      `extendedKeyUsage=${opts.usage === "server" ? "serverAuth" : "clientAuth"}`,
      ...(opts.altNames?.length ? [`subjectAltName=${opts.altNames.join(",")}`] : []),
    ];
    writeFileSync(join(dir, "ext.cnf"), `${ext.join("\n")}\n`);
    execFileSync("openssl", ["req", "-new", "-key", join(dir, "key.pem"), "-subj", opts.subject, "-out", join(dir, "req.csr")], { stdio: "pipe" });
    execFileSync(
      "openssl",
      ["x509", "-req", "-in", join(dir, "req.csr"), "-CA", opts.caCert, "-CAkey", opts.caKey, "-set_serial", `0x${randomBytes(12).toString("hex")}`,
        "-days", "3650", "-sha256", "-extfile", join(dir, "ext.cnf"), "-out", join(dir, "cert.pem")],
      { stdio: "pipe" },
    );
    return { certPem: readFileSync(join(dir, "cert.pem"), "utf8"), keyPem };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
