import type { EventLog } from "./event-log";
import type { Store } from "./store";

/** What every action needs: the state, the event log and the (movable) clock. */
export interface SimulatorContext {
  store: Store;
  events: EventLog;
  /** Unix seconds, as Stripe's timestamps are. */
  nowSeconds(): number;
}
