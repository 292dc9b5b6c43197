import { CheckoutResult } from "@/components/checkout-result";

export default async function CheckoutSuccessPage({
  searchParams,
}: {
  searchParams: Promise<{ order?: string }>;
}) {
  const { order } = await searchParams;
  return <CheckoutResult outcome="success" orderNumber={order} />;
}
