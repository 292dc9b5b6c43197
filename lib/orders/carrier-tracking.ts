/**
 * Where a buyer or seller follows a parcel, recognised from the tracking number's format alone.
 * Kept to formats that belong to one carrier; a number that fits none, or fits a format two
 * carriers share, gets no link rather than a wrong one.
 */
interface Carrier {
  name: string;
  pattern: RegExp;
  url: (trackingNumber: string) => string;
}

// Checked in order: the lettered formats first, then the all-digit ones by their length.
const carriers: readonly Carrier[] = [
  {
    name: "UPS",
    pattern: /^1Z[0-9A-Z]{16}$/,
    url: (n) => `https://www.ups.com/track?tracknum=${n}`,
  },
  {
    // Royal Mail's tracked services: two letters, nine digits, GB (the UPU S10 format).
    name: "Royal Mail",
    pattern: /^[A-Z]{2}\d{9}GB$/,
    url: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  },
  {
    // USPS: 22 digits starting 9 (Priority, Ground Advantage), or an S10 number ending US.
    name: "USPS",
    pattern: /^(9[1-5]\d{20}|[A-Z]{2}\d{9}US)$/,
    url: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  },
  {
    // Hermes Germany: "H" and 19 digits.
    name: "Hermes",
    pattern: /^H\d{19}$/,
    url: (n) => `https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#${n}`,
  },
  {
    // DHL Paket: 12 digits, 20 digits starting 00340 (the SSCC), or JJD and 18–20 digits.
    name: "DHL",
    pattern: /^(\d{12}|00340\d{15}|JJD\d{18,20})$/,
    url: (n) => `https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=${n}`,
  },
  {
    // DPD: 14 digits.
    name: "DPD",
    pattern: /^\d{14}$/,
    url: (n) => `https://tracking.dpd.de/status/en_US/parcel/${n}`,
  },
  {
    // GLS: 11 digits.
    name: "GLS",
    pattern: /^\d{11}$/,
    url: (n) => `https://gls-group.com/DE/en/parcel-tracking?match=${n}`,
  },
];

export interface CarrierLink {
  carrier: string;
  url: string;
}

/** The carrier's tracking page for this number, or undefined when the format is not known. */
export function carrierLink(trackingNumber: string): CarrierLink | undefined {
  // Labels print numbers in groups ("0034 0434 …"); the carriers' pages take them unbroken.
  const compact = trackingNumber.replace(/[\s-]/g, "").toUpperCase();
  const carrier = carriers.find(({ pattern }) => pattern.test(compact));
  return carrier && { carrier: carrier.name, url: carrier.url(encodeURIComponent(compact)) };
}
