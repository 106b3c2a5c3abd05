import { ClusterOverview } from "@/components/cluster/cluster-overview";
import { OverviewHydration } from "./_components/overview-hydration";

export default function OverviewPage(props: { searchParams: Promise<{ cluster?: string }> }) {
  return (
    <OverviewHydration
      searchParams={props.searchParams}
      render={(clusterId) => <ClusterOverview clusterId={clusterId} />}
    />
  );
}
