import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { primaryButton } from "./button-styles";

// The brand tokens as app/globals.css defines them, so a changed shade is checked here too.
const css = readFileSync(path.resolve(__dirname, "../../app/globals.css"), "utf8");

function hexOf(token: string): string {
  const match = new RegExp(`--color-${token}: (#[0-9a-f]{6});`).exec(css);
  if (!match) throw new Error(`no colour ${token}`);
  return match[1]!;
}

// WCAG 2.1 relative luminance of an sRGB colour.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe("the brand colour", () => {
  it("the primary button's white text passes WCAG AA (4.5:1), hovered too", () => {
    const backgrounds = [...primaryButton.matchAll(/(?:^|\s)(?:hover:)?bg-(brand-\d+)/g)].map(
      (match) => match[1]!,
    );
    expect(backgrounds).toHaveLength(2);
    for (const token of backgrounds) {
      expect(contrast(hexOf(token), "#ffffff"), token).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("from 600 on, its text passes on white and on brand-50, and white passes on it", () => {
    for (const token of ["brand-600", "brand-700", "brand-800"]) {
      expect(contrast(hexOf(token), "#ffffff"), token).toBeGreaterThanOrEqual(4.5);
      expect(contrast(hexOf(token), hexOf("brand-50")), token).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("the brand hue itself (500) is for outlines and fills: 3:1 on white (WCAG 1.4.11)", () => {
    expect(contrast(hexOf("brand-500"), "#ffffff")).toBeGreaterThanOrEqual(3);
  });
});
