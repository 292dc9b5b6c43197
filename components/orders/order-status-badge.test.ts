import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { orderStatusTones } from "./order-status-badge";

// Tailwind's palette as the built CSS uses it (oklch), read from the installed theme.
const theme = readFileSync(createRequire(import.meta.url).resolve("tailwindcss/theme.css"), "utf8");

function oklchOf(name: string): [number, number, number] {
  const match = new RegExp(`--color-${name}: oklch\\(([\\d.]+)% ([\\d.]+) ([\\d.]+)\\)`).exec(
    theme,
  );
  if (!match) throw new Error(`no colour ${name}`);
  return [Number(match[1]) / 100, Number(match[2]), Number(match[3])];
}

// OKLCH → linear sRGB (Björn Ottosson's matrices), clipped to the gamut as browsers show it.
function luminance(name: string): number {
  const [l, c, h] = oklchOf(name);
  const a = c * Math.cos((h * Math.PI) / 180);
  const b = c * Math.sin((h * Math.PI) / 180);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const r = clip(4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_);
  const g = clip(-1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_);
  const bl = clip(-0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_);
  return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
}

function contrast(background: string, text: string): number {
  const [light, dark] = [luminance(background), luminance(text)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe("order status badges", () => {
  const pairs = Object.entries(orderStatusTones).map(([status, classes]) => {
    const background = /bg-([a-z]+-\d+)/.exec(classes)![1]!;
    const text = /text-([a-z]+-\d+)/.exec(classes)![1]!;
    return { status, background, text, ratio: contrast(background, text) };
  });

  it("each status has its own colours", () => {
    expect(new Set(pairs.map((pair) => pair.background)).size).toBe(pairs.length);
  });

  it("every badge's text passes WCAG AA (4.5:1) on its background", () => {
    for (const pair of pairs) {
      console.info(
        `${pair.status}: ${pair.text} on ${pair.background} = ${pair.ratio.toFixed(2)}:1`,
      );
      expect(pair.ratio, pair.status).toBeGreaterThanOrEqual(4.5);
    }
  });
});
