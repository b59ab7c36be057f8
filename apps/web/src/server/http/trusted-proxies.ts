import { BlockList, isIP } from "node:net";

/**
 * Reads OUTPOST_TRUSTED_PROXIES: addresses and CIDR ranges, comma separated
 * (`127.0.0.1, 10.0.0.0/8, fd00::/8`). Empty: no proxy is trusted. Throws on anything else.
 */
export function parseTrustedProxies(text: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (text ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    if (family === 0 || extra !== undefined || (prefix !== null && (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) )) {
      throw new Error(`OUTPOST_TRUSTED_PROXIES: '${entry}' is not an IP address or CIDR range`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** True when the connection comes from a trusted proxy (IPv4 seen as ::ffff:a.b.c.d counts as IPv4). */
export function isTrustedProxy(trusted: BlockList, remoteAddress: string | undefined): boolean {
  if (!remoteAddress) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress)?.[1];
  const address = mapped ?? remoteAddress;
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}
