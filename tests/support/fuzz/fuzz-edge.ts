/** What the centre did with one malformed input. */
export interface FuzzOutcome {
  /** The HTTP status; socket refusals count as 400 (an error ack or connect_error), no answer as 0. */
  status: number;
  /** The answer carried the JSON error body (API error, kube Status, or a socket error object). */
  json: boolean;
}

export interface FuzzCase {
  /** What was sent, for a failure message. */
  label: string;
  send(): Promise<FuzzOutcome>;
}

export interface FuzzEdge {
  name: string;
  cases: FuzzCase[];
  /** The answer every input must get; default a 4xx with the JSON error body. */
  expected?: (o: FuzzOutcome) => boolean;
  /** Says what `expected` means, for the table. */
  expectedText?: string;
}

/** Pairs a status with whether its body parses as the kind of JSON error the centre sends. */
export function outcomeOf(status: number, body: string): FuzzOutcome {
  try {
    const v = JSON.parse(body) as { error?: { code?: unknown; message?: unknown }; kind?: unknown; message?: unknown };
    const api = typeof v.error?.code === "string" && typeof v.error.message === "string";
    const kube = v.kind === "Status" && typeof v.message === "string";
    return { status, json: api || kube };
  } catch {
    return { status, json: false };
  }
}

export const is4xxJson = (o: FuzzOutcome) => o.status >= 400 && o.status < 500 && o.json;
