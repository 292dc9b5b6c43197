// The dashboard's areas, in navigation order; each key names its messages namespace too.
// Admin-only areas are left out of a seller's navigation (and answer them 404).
export const sections = [
  { key: "overview", href: "/", adminOnly: false },
  { key: "products", href: "/products", adminOnly: false },
  { key: "orders", href: "/orders", adminOnly: false },
  { key: "channels", href: "/channels", adminOnly: false },
  { key: "settings", href: "/settings", adminOnly: false },
  { key: "monitoring", href: "/monitoring", adminOnly: true },
] as const;

export type SectionKey = (typeof sections)[number]["key"];
