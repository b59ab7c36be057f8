import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { REPO_DIR } from "./paths";

export interface ApiRoute {
  method: string;
  /** "/api/v1/clusters/[id]": the URL path with the route's dynamic segments as in the file tree. */
  path: string;
}

const APP_DIR = join(REPO_DIR, "apps/web/app");
const METHOD = /export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b|\bas\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g;

/**
 * Every method and path the centre's API serves, read from the Next.js route files
 * (apps/web/app/api/.../route.ts), so that a test over "every route" includes routes added later.
 */
export function listApiRoutes(): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const path = `/${relative(APP_DIR, dir).split(sep).join("/")}`;
        for (const m of readFileSync(full, "utf8").matchAll(METHOD)) routes.push({ method: (m[1] ?? m[2])!, path });
      }
    }
  };
  walk(join(APP_DIR, "api"));
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/**
 * The route's path with each dynamic segment filled in by the collection before it
 * (`/sites/[id]` → `/sites/<ids.sites>`), or `fallback` for collections not given.
 */
export function fillRoute(path: string, ids: Record<string, string>, fallback = "no-such-id"): string {
  return path.replace(/([^/]+)\/\[(?:\.\.\.)?[^\]]+\]/g, (_, collection: string) => `${collection}/${ids[collection] ?? fallback}`);
}
