import { EmptySection, sectionMetadata } from "@/components/dashboard/empty-section";

export const generateMetadata = () => sectionMetadata("channels");

export default function ChannelsPage() {
  return <EmptySection section="channels" />;
}
