import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { Card, CardTitle, cardFrame } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { User } from "@/db/schema/users";
import { listChannels } from "@/lib/channels/connect-channel";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { disconnectChannelAction } from "./actions";
import { ConnectSteps } from "./connect-steps";

export const generateMetadata = () => sectionMetadata("channels");

export default async function ChannelsPage() {
  const user = await requireUser();
  const [t, tSection, tApp] = await Promise.all([
    getTranslations("channelsPage"),
    getTranslations("channels"),
    getTranslations("app"),
  ]);
  return (
    <>
      <PageHeader title={tSection("title")} description={tSection("description")} />
      <Card className="mb-6" aria-labelledby="add-title">
        <CardTitle id="add-title" className="mb-3">
          {t("add")}
        </CardTitle>
        {/* Asking Telegram for the bot's name may take a moment: the list shows meanwhile. */}
        <Suspense fallback={<ListSkeleton label={tApp("loading")} rows={3} bare />}>
          <ConnectSteps />
        </Suspense>
      </Card>
      <Suspense fallback={<ListSkeleton label={tApp("loading")} rows={3} />}>
        <ChannelList user={user} />
      </Suspense>
    </>
  );
}

/** The seller's connected channels with a way to open and to disconnect each. */
async function ChannelList({ user }: { user: User }) {
  const [t, tSection, tConfirm, channels] = await Promise.all([
    getTranslations("channelsPage"),
    getTranslations("channels"),
    getTranslations("confirmAction"),
    listChannels(await database(), user),
  ]);
  if (channels.length === 0) {
    return <EmptyState title={tSection("emptyTitle")} body={tSection("emptyBody")} />;
  }
  return (
    <>
      <ul className={`divide-y divide-slate-100 ${cardFrame}`}>
        {channels.map((channel) => (
          <li
            key={channel.id}
            className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-5 py-3 text-sm"
          >
            <span className="min-w-0">
              <span className="font-medium text-slate-900">{channel.title}</span>
              {channel.username ? (
                <span className="ml-2 text-slate-500">@{channel.username}</span>
              ) : null}
              {channel.botCanPost ? (
                <span className="ml-2 text-emerald-700">{t("canPost")}</span>
              ) : null}
            </span>
            <span className="flex flex-wrap items-center gap-4">
              {/* A private channel has no public address: only its members can open it. */}
              {channel.username ? (
                <a
                  href={`https://t.me/${channel.username}`}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="font-medium text-brand-700 hover:underline"
                >
                  {t("open")}
                  <span className="sr-only"> {t("opensNewTab")}</span>
                </a>
              ) : null}
              <form action={disconnectChannelAction}>
                <input type="hidden" name="id" value={channel.id} />
                <ConfirmButton
                  variant="dangerLink"
                  labels={{
                    trigger: t("disconnect"),
                    question: tConfirm("disconnectChannel"),
                    confirm: tConfirm("confirm"),
                    keep: tConfirm("keep"),
                  }}
                />
              </form>
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-500">{t("disconnectHint")}</p>
    </>
  );
}
