// Next (production) loads every route's module in the background once it is constructed
// (experimental.preloadEntriesOnStart, on by default), and each load is a synchronous require: for the
// first seconds after the server listens, captures and live events waited behind 100 to 700 ms stalls.
// Awaiting the same preload before listening moves that time into the start instead.
type NextApp = { server?: { getServer?: () => Promise<{ unstable_preloadEntries?: () => Promise<void> }> } };

export async function preloadRoutes(app: unknown): Promise<void> {
  // Not in Next's public types: without it, starting merely goes back to preloading in the background.
  const server = await (app as NextApp).server?.getServer?.();
  await server?.unstable_preloadEntries?.();
}
