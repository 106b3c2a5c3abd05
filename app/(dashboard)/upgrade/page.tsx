import { RollingUpgrade } from "@/components/upgrade/rolling-upgrade";
import { OverviewHydration } from "../_components/overview-hydration";

// The overview's own query: the plan is re-judged on every view the collector builds, so it
// follows each node as it goes down and comes back.
export default function UpgradePage(props: { searchParams: Promise<{ cluster?: string }> }) {
  return (
    <OverviewHydration
      searchParams={props.searchParams}
      render={(clusterId) => <RollingUpgrade clusterId={clusterId} />}
    />
  );
}
