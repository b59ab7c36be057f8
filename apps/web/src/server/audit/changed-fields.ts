/** A field that changed: what it was and what it became (null: absent). */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/**
 * Only what really changed between `before` and `after`, for audit details: fields whose value
 * is the same (however the request spelled it) are left out. Compared as JSON, so labels and
 * other objects compare by content.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

/** Label changes key by key (`label env: prod → staging`), so a long label set does not hide the one that moved. */
export function changedLabels(before: Record<string, string>, after: Record<string, string>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] !== after[key]) changes[`label ${key}`] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}
