import Link from "next/link";
import { primaryButton } from "@/components/ui/button-styles";

export function LinkButton({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={`inline-flex items-center ${primaryButton}`}>
      {children}
    </Link>
  );
}
