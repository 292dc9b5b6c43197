import { SandboxBanner } from "@/components/sandbox-banner";

/** Pages buyers land on (back from Stripe): the sandbox says so on one line. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SandboxBanner compact />
      {children}
    </>
  );
}
