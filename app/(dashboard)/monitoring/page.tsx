import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { CountersTable } from "@/components/monitoring/counters-table";
import { IncidentsPanel } from "@/components/monitoring/incidents-panel";
import { InboxState } from "@/components/monitoring/inbox-state";
import { OutboxState } from "@/components/monitoring/outbox-state";
import { RecentFailures } from "@/components/monitoring/recent-failures";
import { ReconcilePanel } from "@/components/monitoring/reconcile-panel";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { User } from "@/db/schema/users";
import { requireAdmin } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { monitoringOverview } from "@/lib/monitoring/monitoring-overview";
import { recentReconciliations } from "@/lib/payments/reconcile-payments";
import { reconcileAction } from "./actions";

export const generateMetadata = () => sectionMetadata("monitoring");

export default async function MonitoringPage() {
  // Decided before anything streams, so a seller gets a real 404 status.
  const user = await requireAdmin();
  const [tSection, tApp] = await Promise.all([
    getTranslations("monitoring"),
    getTranslations("app"),
  ]);
  return (
    <>
      <PageHeader title={tSection("title")} description={tSection("description")} />
      <Suspense fallback={<ListSkeleton label={tApp("loading")} rows={8} />}>
        <MonitoringFigures user={user} />
      </Suspense>
    </>
  );
}

async function MonitoringFigures({ user }: { user: User }) {
  // lib/ decides who may see this (admins only), whatever the page checked above.
  const db = await database();
  const [overview, reconciliations] = await Promise.all([
    monitoringOverview(db, user),
    recentReconciliations(db, user),
  ]);
  return (
    <div className="space-y-6">
      <IncidentsPanel open={overview.openIncidents} resolved={overview.resolvedIncidents} />
      <CountersTable
        webhooks={overview.webhooks}
        apiErrors={overview.apiErrors}
        backlog={overview.backlog}
      />
      <RecentFailures events={overview.recentFailures} />
      <InboxState state={overview.inbox} />
      <OutboxState pending={overview.outbox.pending} failed={overview.outbox.failed} />
      <ReconcilePanel runs={reconciliations} reconcile={reconcileAction} />
    </div>
  );
}
