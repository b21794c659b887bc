import type { Metadata } from "next";
import { Inspector } from "@/components/inspector/inspector";

interface BinPageProps {
  params: Promise<{ binId: string }>;
}

export async function generateMetadata({ params }: BinPageProps): Promise<Metadata> {
  const { binId } = await params;
  // Inspector pages are private by nature: keep them out of any index.
  return { title: `Bin ${binId}`, robots: { index: false, follow: false } };
}

/** The token lives in localStorage or the URL fragment, so everything past the id happens in the browser. */
export default async function BinPage({ params }: BinPageProps) {
  const { binId } = await params;
  return <Inspector binId={binId} />;
}
