import type { GrantView } from "@outpost/cluster-core";

/** "every cluster", "site berlin", "clusters matching city=berlin". */
export function describeGrantScope(scope: GrantView["scope"]): string {
  switch (scope.kind) {
    case "all":
      return "every cluster";
    case "site":
      return `clusters of site ${scope.siteName}`;
    case "selector":
      return `clusters matching ${scope.selector}`;
  }
}
