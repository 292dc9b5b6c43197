// Settings' own sections, in tab order: what invoices need first, then the API, the people, and
// (admins only) the running app. Each key names its label under settingsPage.nav.
export const settingsSections = [
  { key: "business", href: "/settings", adminOnly: false },
  { key: "developers", href: "/settings/developers", adminOnly: false },
  { key: "team", href: "/settings/team", adminOnly: false },
  { key: "system", href: "/settings/system", adminOnly: true },
] as const;

export type SettingsSectionKey = (typeof settingsSections)[number]["key"];

// Settings was one page: its cards' anchors, as links and bookmarks kept them, and where each
// card lives now. The business and time zone cards stayed on /settings.
// A Map: an object literal would also "find" inherited names such as #constructor.
const movedAnchors = new Map([
  ["tokens-title", "/settings/developers"],
  ["sessions-title", "/settings/team"],
  ["invites-title", "/settings/team"],
  ["version-title", "/settings/system"],
  ["health-title", "/settings/system"],
  ["deploy-title", "/settings/system"],
]);

/** Where an old `/settings#anchor` link now points, or undefined if it still works as it is. */
export function movedSettingsAnchor(hash: string): string | undefined {
  const anchor = hash.replace(/^#/, "");
  const path = movedAnchors.get(anchor);
  return path ? `${path}#${anchor}` : undefined;
}
