import { cardFrame } from "./card";

/**
 * Stands in for a part of a page whose data is still loading. Sighted users see grey bars in
 * the content's rough shape; screen readers skip the bars and find one "Loading…" status, and
 * aria-busy tells them the region is not ready yet. The bars stop pulsing for people who ask
 * for reduced motion.
 */
export function LoadingRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div aria-busy="true" className={className}>
      <p role="status" className="sr-only">
        {label}
      </p>
      <div aria-hidden="true" className="animate-pulse motion-reduce:animate-none">
        {children}
      </div>
    </div>
  );
}

export function SkeletonBar({ className = "" }: { className?: string }) {
  return <div className={`rounded bg-slate-200 ${className}`} />;
}

/**
 * A loading list or table: a few rows of bars, framed like the tables unless `bare` (a list
 * inside a card that frames it already).
 */
export function ListSkeleton({
  label,
  rows = 5,
  bare = false,
  className = "",
}: {
  label: string;
  rows?: number;
  bare?: boolean;
  className?: string;
}) {
  return (
    <LoadingRegion label={label} className={`${bare ? "" : cardFrame} ${className}`}>
      <div className="divide-y divide-slate-100">
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className={`flex items-center gap-4 py-3 ${bare ? "" : "px-4"}`}>
            <SkeletonBar className="h-4 w-1/3" />
            <SkeletonBar className="h-4 w-1/6" />
            <SkeletonBar className="ml-auto h-4 w-16" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}
