// Domain errors the faces (bot, dashboard, API routes) map to a message or an HTTP status.

export class ProductUnavailable extends Error {
  constructor(
    readonly reason: "not_found" | "archived" | "sold_out",
    readonly title?: string,
  ) {
    super(`product unavailable: ${reason}`);
    this.name = "ProductUnavailable";
  }
}

export class OutOfStock extends Error {
  constructor(readonly available: number) {
    super(`only ${available} left`);
    this.name = "OutOfStock";
  }
}

export class OrderNotFound extends Error {
  constructor(readonly orderRef: string) {
    super(`order not found: ${orderRef}`);
    this.name = "OrderNotFound";
  }
}

export class InvalidTransition extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`an order cannot go from ${from} to ${to}`);
    this.name = "InvalidTransition";
  }
}

/** Only admins may do or see this (deploys, the system's health). */
export class AdminOnly extends Error {
  constructor() {
    super("only admins may do this");
    this.name = "AdminOnly";
  }
}
