import { describe, expect, it } from "vitest";
import {
  buyProductData,
  callbackData,
  CALLBACK_DATA_MAX_BYTES,
  deliverOrderData,
  editFieldData,
  pickCountryData,
  renewCheckoutData,
  shipOrderData,
  soldOutData,
  statusPageData,
  summaryStepData,
  text,
  usePreviousDetailsData,
} from "./callback-data";

const orderId = "5f0c8a52-9d3e-4c57-8f0e-2b1d6c1a9e77";

describe("callback data", () => {
  it("packs the exact strings of buttons already sitting in chats and channels", () => {
    expect(shipOrderData.pack({ orderId })).toBe(`ship:${orderId}`);
    expect(deliverOrderData.pack({ orderId })).toBe(`deliver:${orderId}`);
    expect(renewCheckoutData.pack({ orderId })).toBe(`renew:${orderId}`);
    expect(buyProductData.pack({ productId: orderId })).toBe(`buy:${orderId}`);
    expect(soldOutData.pack({})).toBe("soldout");
    expect(statusPageData.pack({ page: 3 })).toBe("status:3");
    expect(summaryStepData.pack({ step: "confirm" })).toBe("dlg:confirm");
    expect(usePreviousDetailsData.pack({ choice: "yes" })).toBe("dlg:prev:yes");
    expect(pickCountryData.pack({ code: "DE" })).toBe("dlg:country:DE");
    expect(editFieldData.pack({ field: "street" })).toBe("dlg:field:street");
  });

  it("matches what it packed, with typed values", () => {
    expect(shipOrderData.match(shipOrderData.pack({ orderId }))).toEqual({ orderId });
    expect(statusPageData.match(statusPageData.pack({ page: 12 }))).toEqual({ page: 12 });
    expect(summaryStepData.match("dlg:edit")).toEqual({ step: "edit" });
    expect(soldOutData.match("soldout")).toEqual({});
  });

  it("does not match another button's data or a malformed one", () => {
    expect(shipOrderData.match(`deliver:${orderId}`)).toBeUndefined();
    expect(shipOrderData.match(`ship:${orderId}:extra`)).toBeUndefined();
    expect(shipOrderData.match("ship:not-an-id")).toBeUndefined();
    expect(summaryStepData.match("dlg:country:DE")).toBeUndefined();
    expect(statusPageData.match("status:12345")).toBeUndefined();
    expect(soldOutData.match("soldout:1")).toBeUndefined();
    expect(shipOrderData.match(undefined)).toBeUndefined();
    expect(buyProductData.prefixPattern.test("buy:whatever")).toBe(true);
    expect(buyProductData.prefixPattern.test("buyer:1")).toBe(false);
  });

  it("fits Telegram's 64 bytes and refuses what would not", () => {
    for (const packed of [
      shipOrderData.pack({ orderId }),
      deliverOrderData.pack({ orderId }),
      renewCheckoutData.pack({ orderId }),
      buyProductData.pack({ productId: orderId }),
      statusPageData.pack({ page: 9999 }),
    ]) {
      expect(Buffer.byteLength(packed)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    }
    const note = callbackData("note", { body: text(/.+/) });
    expect(() => note.pack({ body: "x".repeat(60) })).toThrow("64 bytes");
    expect(() => shipOrderData.pack({ orderId: "1:2" })).toThrow("does not fit");
  });
});
