import { EmptySection, sectionMetadata } from "@/components/dashboard/empty-section";

export const generateMetadata = () => sectionMetadata("overview");

export default function OverviewPage() {
  return <EmptySection section="overview" />;
}
