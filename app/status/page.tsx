import type { Metadata } from "next";
import { connection } from "next/server";
import { StatusPageIndex } from "@/components/status/status-page-index";
import { buildPublicPage, statusPages } from "@/lib/history/public-page";
import { RenderStatusPage } from "./_components/render-status-page";

export async function generateMetadata(): Promise<Metadata> {
  await connection();
  const pages = statusPages();
  return { title: pages.length === 1 ? `${pages[0]!.title} status` : "Status" };
}

/** The public status page; with several pages configured, a list of them. */
export default async function StatusPage() {
  // Rendered per request from the latest poll and the recorded history, never at build time.
  await connection();
  const pages = statusPages();
  if (pages.length === 1) return <RenderStatusPage config={pages[0]!} query="" />;
  return <StatusPageIndex pages={await Promise.all(pages.map((p) => buildPublicPage(p)))} />;
}
