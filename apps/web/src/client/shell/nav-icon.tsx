/** Glyphs of the navigation; a new area adds its path here and its entry to nav-items.ts. */
const PATHS = {
  fleet: "M3 5h18v4H3zM3 11h18v4H3zM3 17h18v3H3z",
  sites: "M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z",
  bundles: "M12 2 3 6.5v11L12 22l9-4.5v-11zm0 2.2 6.6 3.3L12 10.8 5.4 7.5zM5 9.1l6 3v7.6l-6-3zm8 10.6v-7.6l6-3v7.6z",
  rollouts: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM16.5 13v3.5H13v2h3.5V22h2v-3.5H22v-2h-3.5V13z",
  devices: "M3 4h18v6H3zM3 14h18v6H3zM6 6.5h2v1H6zM6 16.5h2v1H6z",
  users: "M16 11a4 4 0 1 0-4-4 4 4 0 0 0 4 4zM8 12a3 3 0 1 0-3-3 3 3 0 0 0 3 3zm8 1c-2.7 0-8 1.3-8 4v3h16v-3c0-2.7-5.3-4-8-4zM8 14c-.3 0-.7 0-1.1.1C4.6 14.4 1 15.5 1 17.5V20h5v-3c0-1.2.7-2.2 2-3z",
  access: "M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5zm-1 14-4-4 1.4-1.4L11 13.2l4.6-4.6L17 10z",
  tokens: "M7 14a3 3 0 1 1 3-3 3 3 0 0 1-3 3zm5.6-5A6 6 0 1 0 12.6 13H15v3h3v-3h3V9z",
  audit: "M6 2h9l5 5v15H6zM14 3.5V8h4.5M9 12h8M9 16h8M9 8h3",
  search: "M10.5 3a7.5 7.5 0 1 0 4.6 13.4l4.7 4.7 1.4-1.4-4.7-4.7A7.5 7.5 0 0 0 10.5 3zm0 2a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11z",
  alerts: "M12 2a6 6 0 0 0-6 6v4.6L4 16v1h16v-1l-2-3.4V8a6 6 0 0 0-6-6zm-2.5 17a2.5 2.5 0 0 0 5 0z",
} as const;
export type NavIconName = keyof typeof PATHS;
/** Glyphs drawn as outlines rather than filled. */
const STROKED: ReadonlySet<NavIconName> = new Set(["audit"]);

/** The sidebar's small glyphs, drawn inline so nothing is fetched. */
export function NavIcon({ icon }: { icon: NavIconName }) {
  const stroke = STROKED.has(icon);
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 shrink-0" fill={stroke ? "none" : "currentColor"} stroke={stroke ? "currentColor" : "none"} strokeWidth={1.8} strokeLinejoin="round">
      <path d={PATHS[icon]} />
    </svg>
  );
}
