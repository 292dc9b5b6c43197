import pg from "pg";
import { eventually } from "./live-shop";

// The app's inbox read straight from its database: what a person would look at in psql.

async function query<Row extends Record<string, unknown>>(databaseUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The Telegram rows by state; `leased` are pending rows some copy is working on now. */
export async function inboxState(databaseUrl: string) {
  const [row] = await query<Record<string, string>>(
    databaseUrl,
    `select count(*) filter (where status = 'pending' and lease_until > now()) as leased,
            count(*) filter (where status = 'pending') as pending,
            count(*) filter (where status = 'done') as done,
            count(*) filter (where status = 'parked') as parked
       from inbox where source = 'telegram'`,
  );
  return {
    leased: Number(row!.leased),
    pending: Number(row!.pending),
    done: Number(row!.done),
    parked: Number(row!.parked),
  };
}

/** The status of each Telegram update's row, by update_id. */
export async function inboxStatuses(databaseUrl: string) {
  const rows = await query<{ external_id: string; status: string }>(
    databaseUrl,
    "select external_id, status from inbox where source = 'telegram'",
  );
  return new Map(rows.map((row) => [Number(row.external_id), row.status]));
}

/** The ids of everything a webhook stored, by source ("stripe:evt_…", "telegram:123"). */
export async function storedIds(databaseUrl: string) {
  const rows = await query<{ source: string; external_id: string }>(
    databaseUrl,
    "select source, external_id from inbox order by id",
  );
  return rows.map((row) => `${row.source}:${row.external_id}`);
}

/** Waits until no Telegram row is pending: every update done or parked. */
export function workedOff(databaseUrl: string, ms: number) {
  return eventually(
    async () => (await inboxState(databaseUrl)).pending === 0,
    "the inbox to be worked off",
    ms,
  );
}

/** Orders waiting for payment (their stock reserved). */
export async function openOrders(databaseUrl: string): Promise<number> {
  const [row] = await query<{ count: string }>(
    databaseUrl,
    "select count(*) as count from orders where status = 'pending_payment'",
  );
  return Number(row?.count ?? 0);
}
