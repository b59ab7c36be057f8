import type { ApiErrorBody, ClusterDetail, ClusterSummary, RegistrationTokenCreated, SiteView } from "@outpost/cluster-core";

export interface ApiResult<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A thin client of the centre's JSON API, signed in with a session cookie or an API token. */
export class ApiClient {
  private cookie: string | null = null;
  private token: string | null = null;

  constructor(readonly baseUrl: string) {}

  static async signIn(baseUrl: string, username: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
    client.cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    return client;
  }

  static withToken(baseUrl: string, token: string): ApiClient {
    const client = new ApiClient(baseUrl);
    client.token = token;
    return client;
  }

  /** A client that sends this Cookie header (e.g. a forged or expired session). */
  static withCookie(baseUrl: string, cookie: string): ApiClient {
    const client = new ApiClient(baseUrl);
    client.cookie = cookie;
    return client;
  }

  get sessionCookie(): string | null {
    return this.cookie;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const json = res.headers.get("content-type")?.includes("json");
    return { status: res.status, headers: res.headers, body: (json && text ? JSON.parse(text) : text || null) as T };
  }

  /** Like call, but throws unless the status is 2xx. */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call<T | ApiErrorBody>(method, path, body);
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  createSite(name: string, labels: Record<string, string> = {}): Promise<SiteView> {
    return this.ok("POST", "/api/v1/sites", { name, labels });
  }

  createRegistrationToken(siteId: string, clusterName: string, labels: Record<string, string> = {}): Promise<RegistrationTokenCreated> {
    return this.ok("POST", "/api/v1/registration-tokens", { siteId, clusterName, labels });
  }

  clusters(query = ""): Promise<ClusterSummary[]> {
    return this.ok("GET", `/api/v1/clusters${query}`);
  }

  cluster(id: string): Promise<ClusterDetail> {
    return this.ok("GET", `/api/v1/clusters/${id}`);
  }
}
