import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { statusPage } from "@/lib/history/public-page";
import { RenderStatusPage } from "../_components/render-status-page";

type Params = { params: Promise<{ page: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await connection();
  const config = statusPage((await params).page);
  return { title: config ? `${config.title} status` : "Status" };
}

/** One of several configured status pages. */
export default async function NamedStatusPage({ params }: Params) {
  await connection();
  const config = statusPage((await params).page);
  if (!config) notFound();
  return <RenderStatusPage config={config} query={`?page=${config.id}`} />;
}
