import { EmptySection, sectionMetadata } from "@/components/dashboard/empty-section";

export const generateMetadata = () => sectionMetadata("settings");

export default function SettingsPage() {
  return <EmptySection section="settings" />;
}
