import { SandboxBanner } from "@/components/sandbox-banner";

/** The simulated Telegram is where one plays the buyer: the one-line sandbox strip. */
export default function SandboxLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SandboxBanner compact />
      {children}
    </>
  );
}
