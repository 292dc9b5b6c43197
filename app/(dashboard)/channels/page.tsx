import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ConnectChannelForm } from "@/components/channels/connect-channel-form";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { Card, CardTitle, cardFrame } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { User } from "@/db/schema/users";
import { botIdentity } from "@/lib/services";
import { listChannels } from "@/lib/channels/connect-channel";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { connectChannel } from "./actions";

export const generateMetadata = () => sectionMetadata("channels");

export default async function ChannelsPage() {
  const user = await requireUser();
  const [t, tSection, tApp, bot] = await Promise.all([
    getTranslations("channelsPage"),
    getTranslations("channels"),
    getTranslations("app"),
    botIdentity(),
  ]);
  return (
    <>
      <PageHeader title={tSection("title")} description={tSection("description")} />
      <Card className="mb-6" aria-labelledby="add-title">
        <CardTitle id="add-title" className="mb-3">
          {t("add")}
        </CardTitle>
        {bot ? (
          <ConnectChannelForm
            labels={{
              ref: t("ref"),
              refHint: t("refHint"),
              connect: t("connect"),
              connected: t("connected"),
              problems: {
                invalid_ref: t("problems.invalid_ref"),
                not_found: t("problems.not_found", { bot: bot.username }),
                not_a_channel: t("problems.not_a_channel"),
                bot_not_member: t("problems.bot_not_member", { bot: bot.username }),
                cannot_post: t("problems.cannot_post", { bot: bot.username }),
                cannot_edit: t("problems.cannot_edit", { bot: bot.username }),
                seller_not_admin: t("problems.seller_not_admin"),
                telegram_unavailable: t("problems.telegram_unavailable"),
                taken: t("problems.taken"),
              },
            }}
            action={connectChannel}
          />
        ) : (
          <p className="text-sm text-slate-600">{t("noTelegram")}</p>
        )}
      </Card>
      <Suspense fallback={<ListSkeleton label={tApp("loading")} rows={3} />}>
        <ChannelList user={user} />
      </Suspense>
    </>
  );
}

/** The seller's connected channels, or how to connect the first. */
async function ChannelList({ user }: { user: User }) {
  const [t, tSection, channels] = await Promise.all([
    getTranslations("channelsPage"),
    getTranslations("channels"),
    listChannels(await database(), user),
  ]);
  return channels.length === 0 ? (
    <EmptyState title={tSection("emptyTitle")} body={tSection("emptyBody")} />
  ) : (
    <ul className={`divide-y divide-slate-100 ${cardFrame}`}>
      {channels.map((channel) => (
        <li
          key={channel.id}
          className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm"
        >
          <span>
            <span className="font-medium text-slate-900">{channel.title}</span>
            {channel.username ? (
              <span className="ml-2 text-slate-500">@{channel.username}</span>
            ) : null}
          </span>
          <span className="text-emerald-700">{channel.botCanPost ? t("canPost") : ""}</span>
        </li>
      ))}
    </ul>
  );
}
