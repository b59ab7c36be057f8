import type { SiteView } from "@outpost/cluster-core";

/** The options of a "which site?" list: a disabled prompt first, then the sites by id. */
export function SiteOptions({ sites, prompt }: { sites: SiteView[]; prompt: string }) {
  return (
    <>
      <option value="" disabled>
        {prompt}
      </option>
      {sites.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </>
  );
}
