import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { SectionKey } from "./sections";

/** A dashboard area with nothing in it yet: its heading and what to do first. */
export async function EmptySection({ section }: { section: SectionKey }) {
  const t = await getTranslations(section);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}

export async function sectionMetadata(section: SectionKey): Promise<Metadata> {
  const t = await getTranslations(section);
  return { title: t("title") };
}
