import { ClusterOverview } from "@/components/cluster/cluster-overview";

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<{ cluster?: string }>;
}) {
  const { cluster } = await searchParams;
  return <ClusterOverview clusterId={cluster ?? null} />;
}
