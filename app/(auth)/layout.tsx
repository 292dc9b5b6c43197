import { SandboxBanner } from "@/components/sandbox-banner";

/** Sign-in: the seller's side, so the full sandbox banner with how to go live. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SandboxBanner />
      {children}
    </>
  );
}
