import type { FuzzCase, FuzzEdge, FuzzOutcome } from "./fuzz-edge";
import { is4xxJson } from "./fuzz-edge";

export interface EdgeResult {
  name: string;
  expectedText: string;
  sent: number;
  c4xx: number;
  c5xx: number;
  c500: number;
  other: number;
  /** Inputs whose answer was not the expected one, with what came back (the first few). */
  unexpected: { label: string; outcome: FuzzOutcome }[];
  unexpectedCount: number;
  /** Batches after which the database fingerprint differed, with their inputs. */
  dbChanged: { labels: string[] }[];
  ms: number;
}

const BATCH = 10;

/**
 * Sends an edge's inputs one after another; after every BATCH inputs compares the database's
 * fingerprint with the one before, so an input that changed anything is caught within its batch.
 */
export async function runFuzzEdge(edge: FuzzEdge, fingerprint: () => Promise<string>): Promise<EdgeResult> {
  const expected = edge.expected ?? is4xxJson;
  const result: EdgeResult = {
    name: edge.name,
    expectedText: edge.expectedText ?? "4xx + JSON error",
    sent: 0,
    c4xx: 0,
    c5xx: 0,
    c500: 0,
    other: 0,
    unexpected: [],
    unexpectedCount: 0,
    dbChanged: [],
    ms: 0,
  };
  const started = performance.now();
  let before = await fingerprint();
  let batch: FuzzCase[] = [];
  const check = async () => {
    const after = await fingerprint();
    if (after !== before) result.dbChanged.push({ labels: batch.map((c) => c.label) });
    before = after;
    batch = [];
  };
  for (const c of edge.cases) {
    let outcome: FuzzOutcome;
    try {
      outcome = await c.send();
    } catch (err) {
      outcome = { status: 0, json: false };
      if (result.unexpected.length < 5) result.unexpected.push({ label: `${c.label} (threw ${String(err).slice(0, 120)})`, outcome });
    }
    result.sent++;
    if (outcome.status >= 400 && outcome.status < 500) result.c4xx++;
    else if (outcome.status >= 500) result.c5xx++;
    else result.other++;
    if (outcome.status === 500) result.c500++;
    if (!expected(outcome)) {
      result.unexpectedCount++;
      if (result.unexpected.length < 5) result.unexpected.push({ label: c.label, outcome });
    }
    batch.push(c);
    if (batch.length === BATCH) await check();
  }
  if (batch.length > 0) await check();
  result.ms = performance.now() - started;
  return result;
}
