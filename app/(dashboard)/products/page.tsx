import { EmptySection, sectionMetadata } from "@/components/dashboard/empty-section";

export const generateMetadata = () => sectionMetadata("products");

export default function ProductsPage() {
  return <EmptySection section="products" />;
}
