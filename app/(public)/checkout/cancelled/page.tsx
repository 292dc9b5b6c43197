import { CheckoutResult } from "@/components/checkout-result";

export default async function CheckoutCancelledPage({
  searchParams,
}: {
  searchParams: Promise<{ order?: string }>;
}) {
  const { order } = await searchParams;
  return <CheckoutResult outcome="cancelled" orderNumber={order} />;
}
