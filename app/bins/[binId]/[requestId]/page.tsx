import { Inspector } from "@/components/inspector/inspector";

export { generateMetadata } from "../page";

/**
 * One request of a bin: the same inspector, which reads the request from the address. Moving
 * between requests rewrites the address without a navigation, so this page is only ever the first.
 */
export default async function RequestPage({ params }: { params: Promise<{ binId: string; requestId: string }> }) {
  const { binId } = await params;
  return <Inspector binId={binId} />;
}
