import { cardFrame } from "@/components/ui/card";
import { LoadingRegion, SkeletonBar } from "@/components/ui/skeleton";

const card = `${cardFrame} p-5`;

/** The Overview's revenue cards, chart and funnel table while their figures are counted. */
export function OverviewSkeleton({ label }: { label: string }) {
  return (
    <LoadingRegion label={label}>
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((window) => (
          <div key={window} className={card}>
            <SkeletonBar className="h-4 w-24" />
            <SkeletonBar className="mt-3 h-7 w-32" />
            <SkeletonBar className="mt-2 h-4 w-16" />
          </div>
        ))}
      </div>
      <div className={`${card} mt-4`}>
        <SkeletonBar className="h-4 w-56" />
        <SkeletonBar className="mt-4 h-36 w-full" />
      </div>
      <div className={`${card} mt-4 space-y-3`}>
        <SkeletonBar className="h-4 w-64" />
        {[0, 1, 2].map((row) => (
          <SkeletonBar key={row} className="h-4 w-full" />
        ))}
      </div>
    </LoadingRegion>
  );
}
