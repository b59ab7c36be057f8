import { describe, expect, it } from "vitest";
import type { Db } from "../db/open-database";
import { createAuthCache } from "./auth-cache";
import { authenticate } from "./authenticate";
import { hashSecretToken } from "./secret-token";

const TOKEN = "opt_race-test-token-0123456789";

/** A database holding one API token, whose lookups can be held back to open a race window. */
function fakeDb() {
  let tokenExists = true;
  let hold: Promise<void> | null = null;
  const user = { id: "u1", username: "alice", role: "operator", disabled: false, grants: [], groups: [] };
  const db = {
    apiToken: {
      async findUnique({ where }: { where: { tokenHash: string } }) {
        const found = tokenExists && where.tokenHash === hashSecretToken(TOKEN);
        if (hold) await hold;
        return found ? { id: "t1", tokenHash: where.tokenHash, scope: "api", expiresAt: null, lastUsedAt: new Date(), user } : null;
      },
      async update() {},
    },
  };
  return {
    db: db as unknown as Db,
    revoke: () => void (tokenExists = false),
    holdLookups(): () => void {
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      return () => {
        hold = null;
        release();
      };
    },
  };
}

describe("authenticate with the auth cache", () => {
  it("answers repeated calls from the cache until it is cleared", async () => {
    const { db, revoke } = fakeDb();
    const cache = createAuthCache();
    expect(await authenticate(db, { authorization: `Bearer ${TOKEN}` }, cache)).not.toBeNull();
    revoke();
    expect(await authenticate(db, { authorization: `Bearer ${TOKEN}` }, cache)).not.toBeNull();
    cache.clear();
    expect(await authenticate(db, { authorization: `Bearer ${TOKEN}` }, cache)).toBeNull();
  });

  it("does not cache a lookup that was under way when the token was revoked (no stale 10 s window)", async () => {
    const { db, revoke, holdLookups } = fakeDb();
    const cache = createAuthCache();
    const release = holdLookups();
    // The lookup reads the token while it is still valid…
    const inFlight = authenticate(db, { authorization: `Bearer ${TOKEN}` }, cache);
    await new Promise((r) => setTimeout(r, 5));
    // …and the revocation (delete + clear) lands before it finishes.
    revoke();
    cache.clear();
    release();
    expect(await inFlight).not.toBeNull(); // that one request began before the revocation
    expect(await authenticate(db, { authorization: `Bearer ${TOKEN}` }, cache)).toBeNull();
  });
});
