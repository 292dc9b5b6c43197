import { sql } from "drizzle-orm";
import { jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const deploymentStatus = pgEnum("deployment_status", [
  "in_progress",
  "completed",
  "failed",
  "rolled_back",
]);

export const deployments = pgTable(
  "deployments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestedBy: uuid("requested_by").references(() => users.id),
    fromImage: text("from_image"),
    toImage: text("to_image").notNull(),
    taskDefinitionArn: text("task_definition_arn"),
    status: deploymentStatus("status").notNull().default("in_progress"),
    detail: jsonb("detail"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  // At most one rollout at a time, enforced by the database rather than by a check-then-act.
  (t) => [
    uniqueIndex("deployments_one_in_progress")
      .on(t.status)
      .where(sql`${t.status} = 'in_progress'`),
  ],
);
