import { EmptySection, sectionMetadata } from "@/components/dashboard/empty-section";

export const generateMetadata = () => sectionMetadata("orders");

export default function OrdersPage() {
  return <EmptySection section="orders" />;
}
