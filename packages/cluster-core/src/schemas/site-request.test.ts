import { describe, expect, it } from "vitest";
import { ZCreateSiteRequest, ZUpdateSiteRequest } from "./api";

describe("site requests", () => {
  it("an update changes only the fields it names (no defaults fill in the rest)", () => {
    expect(ZUpdateSiteRequest.parse({ name: "store-1" })).toEqual({ name: "store-1" });
  });

  it("a new site has no transfer cap or window unless given", () => {
    expect(ZCreateSiteRequest.parse({ name: "store-1" })).toMatchObject({ bandwidthCapBytesPerSec: null, transferWindow: null });
    expect(ZCreateSiteRequest.safeParse({ name: "store-1", transferWindow: "25:00-06:00" }).success).toBe(false);
  });
});
