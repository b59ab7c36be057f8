import type { BundleBlobRole } from "./bundle-manifest";
import { ROLE_TARGETS } from "./bundle-targets";

/** File names placed by bundles: plain names, no hidden files, no separators. */
const FILE_NAME = /^[A-Za-z0-9_+][A-Za-z0-9._+-]{0,254}$/;

/**
 * Why a blob of `role` may not be written to `target`, or null when it may. The path is checked
 * as text, before anything touches a disk: absolute, normalised (no `.`/`..` segments, no `//`,
 * no trailing `/`), no control characters or backslashes, and inside the places of its role.
 * Symbolic links on the device are the placer's job (they exist only on disk).
 */
export function checkBundleTarget(role: BundleBlobRole, target: string): string | null {
  if (!target.startsWith("/")) return `target '${target}' is not an absolute path`;
  if ([...target].some((ch) => ch < " " || ch === "\u007f" || ch === "\\")) return `target ${JSON.stringify(target)} has a control character or backslash`;
  const segments = target.slice(1).split("/");
  if (segments.some((s) => s === "..")) return `target '${target}' has a '..' segment`;
  if (segments.some((s) => s === "." || s === "")) return `target '${target}' is not a normalised path (empty or '.' segment)`;

  const allowed = ROLE_TARGETS[role];
  if (allowed.files?.includes(target)) return null;
  for (const dir of allowed.dirs ?? []) {
    if (!target.startsWith(dir)) continue;
    const name = target.slice(dir.length);
    if (name.includes("/")) return `target '${target}' is in a subdirectory of ${dir}; ${role} files go directly inside it`;
    if (!FILE_NAME.test(name)) return `target '${target}': '${name}' is not a plain file name (letters, digits, '.', '_', '+', '-'; not starting with '.')`;
    return null;
  }
  const places = [...(allowed.files ?? []), ...(allowed.dirs ?? []).map((d) => `${d}*`)].join(", ");
  return `target '${target}' is outside the places a ${role} may be written (${places})`;
}
