/** A regular file from a tar archive. */
export interface TarEntry {
  path: string;
  data: Buffer;
}

const BLOCK = 512;

/**
 * The regular files of an (uncompressed) tar archive: ustar and GNU headers, with PAX and GNU
 * long names, which is what `helm package` writes. Throws on a malformed archive.
 */
export function readTarEntries(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | null = null;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new Error(`tar header at byte ${offset} is damaged`);
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156]!);
    const start = offset + BLOCK;
    if (start + size > tar.length) throw new Error("tar archive ends inside a file");
    const data = tar.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = cString(data);
      continue;
    }
    if (type === "x") {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === "g") continue;
    const prefix = header.subarray(257, 263).toString("latin1").startsWith("ustar") ? cString(header.subarray(345, 500)) : "";
    const name = longName ?? (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
    longName = null;
    if (type === "0" || type === "\0" || type === "7") entries.push({ path: name.replace(/^\.\//, ""), data: Buffer.from(data) });
  }
  return entries;
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.subarray(0, end < 0 ? b.length : end).toString("utf8");
}

function octal(b: Buffer): number {
  const text = cString(b).trim();
  if (!/^[0-7]*$/.test(text)) throw new Error("tar header has a bad size field");
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === octal(header.subarray(148, 156));
}

/** The `path` record of a PAX extended header ("<len> path=<value>\n" records). */
function paxPath(data: Buffer): string | null {
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space < 0) break;
    const len = Number(data.subarray(i, space).toString("latin1"));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = data.subarray(space + 1, i + len - 1).toString("utf8");
    if (record.startsWith("path=")) return record.slice(5);
    i += len;
  }
  return null;
}
