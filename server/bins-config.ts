import { ConfigError, loadBinsConfig } from "@/lib/server/config/bins-config";
import { setManagedBins } from "@/lib/server/config/managed";
import { applyManagedBins } from "@/lib/server/services/managed-bins";

/** Applies HOOKSCOPE_CONFIG before the server listens; a file with mistakes stops the start with them. */
export async function applyConfigFile(file: string): Promise<void> {
  try {
    const bins = loadBinsConfig(file);
    const { created, updated } = await applyManagedBins(bins);
    setManagedBins(bins.map((bin) => bin.name));
    const unchanged = created.length + updated.length === 0;
    console.log(
      `config: ${file}: ${unchanged ? "every bin already as declared" : `created ${created.join(", ") || "none"}; updated ${updated.join(", ") || "none"}`}`,
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`config: the bins file has mistakes, nothing was applied:\n${error.message}`);
    process.exit(1);
  }
}
