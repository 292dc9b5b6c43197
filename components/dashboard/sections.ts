// The dashboard's areas, in navigation order; each key names its messages namespace too.
export const sections = [
  { key: "overview", href: "/" },
  { key: "products", href: "/products" },
  { key: "orders", href: "/orders" },
  { key: "channels", href: "/channels" },
  { key: "settings", href: "/settings" },
] as const;

export type SectionKey = (typeof sections)[number]["key"];
