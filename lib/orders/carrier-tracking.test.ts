import { describe, expect, it } from "vitest";
import { carrierLink } from "./carrier-tracking";

describe("a tracking number's carrier link", () => {
  it.each([
    ["1Z999AA10123456784", "UPS", "https://www.ups.com/track?tracknum=1Z999AA10123456784"],
    [
      "AB123456789GB",
      "Royal Mail",
      "https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB",
    ],
    [
      "9400111899223197428490",
      "USPS",
      "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490",
    ],
    ["EA123456789US", "USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels=EA123456789US"],
    [
      "H1001234567890123456",
      "Hermes",
      "https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#H1001234567890123456",
    ],
    [
      "00340434161234567890",
      "DHL",
      "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161234567890",
    ],
    [
      "JJD000390007654321001",
      "DHL",
      "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=JJD000390007654321001",
    ],
    [
      "123456789012",
      "DHL",
      "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=123456789012",
    ],
    ["01234567890123", "DPD", "https://tracking.dpd.de/status/en_US/parcel/01234567890123"],
    ["12345678901", "GLS", "https://gls-group.com/DE/en/parcel-tracking?match=12345678901"],
  ])("recognises %s as %s", (number, carrier, url) => {
    expect(carrierLink(number)).toEqual({ carrier, url });
  });

  it("reads a number typed in groups, or in lower case, as the carrier prints it", () => {
    expect(carrierLink("0034 0434 1612 3456 7890")?.carrier).toBe("DHL");
    expect(carrierLink("1z999aa10123456784")?.carrier).toBe("UPS");
  });

  it("offers no link for a number whose carrier it cannot tell", () => {
    expect(carrierLink("DHL-123456")).toBeUndefined();
    expect(carrierLink("ABC")).toBeUndefined();
    expect(carrierLink("<script>")).toBeUndefined();
  });
});
