import { describe, expect, it } from "vitest";
import { movedSettingsAnchor, settingsSections } from "./settings-sections";

describe("settings sections", () => {
  it("puts Business first and only System behind admin", () => {
    expect(settingsSections[0]).toMatchObject({ key: "business", href: "/settings" });
    expect(settingsSections.filter((s) => s.adminOnly).map((s) => s.key)).toEqual(["system"]);
  });

  it("sends old one-page anchors to the section the card moved to", () => {
    expect(movedSettingsAnchor("#tokens-title")).toBe("/settings/developers#tokens-title");
    expect(movedSettingsAnchor("#invites-title")).toBe("/settings/team#invites-title");
    expect(movedSettingsAnchor("#deploy-title")).toBe("/settings/system#deploy-title");
  });

  it("leaves anchors that still work, and unknown ones, alone", () => {
    expect(movedSettingsAnchor("#business-title")).toBeUndefined();
    expect(movedSettingsAnchor("")).toBeUndefined();
    expect(movedSettingsAnchor("#constructor")).toBeUndefined();
  });
});
