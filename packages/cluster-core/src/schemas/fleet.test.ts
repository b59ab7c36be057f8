import { describe, expect, it } from "vitest";
import { DEFAULT_FLEET_QUERY, ZFleetQuery, fleetQueryInput, fleetQueryToParams } from "./fleet";

describe("fleet query in the URL", () => {
  it("reads comma-separated lists and round-trips through URL parameters", () => {
    const query = ZFleetQuery.parse(fleetQueryInput(new URLSearchParams("status=offline,degraded&site=store-berlin&selector=kind%3Dstore&sort=name&dir=desc&page=3&utm=x")));
    expect(query).toMatchObject({ status: ["offline", "degraded"], site: ["store-berlin"], selector: "kind=store", sort: "name", dir: "desc", page: 3 });
    expect(fleetQueryToParams(query).toString()).toBe("status=offline%2Cdegraded&site=store-berlin&selector=kind%3Dstore&sort=name&dir=desc&page=3");
    expect(ZFleetQuery.parse(fleetQueryInput(fleetQueryToParams(query)))).toEqual(query);
  });

  it("leaves defaults out, so the plain fleet page has a plain address", () => {
    expect(fleetQueryToParams(DEFAULT_FLEET_QUERY).toString()).toBe("");
  });

  it("refuses what it cannot read instead of guessing", () => {
    expect(ZFleetQuery.safeParse(fleetQueryInput(new URLSearchParams("status=sleeping"))).success).toBe(false);
    expect(ZFleetQuery.safeParse(fleetQueryInput(new URLSearchParams("pageSize=7"))).success).toBe(false);
    expect(ZFleetQuery.safeParse(fleetQueryInput(new URLSearchParams("site=Not%20A%20Name"))).success).toBe(false);
  });
});
