/**
 * JSON with object keys sorted at every level, so equal values give equal text on the centre
 * and on the agent (digests of chart values are compared across the two). Absent values (null
 * or undefined at the top) count as an empty object, as helm treats "no values".
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value ?? {}));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
