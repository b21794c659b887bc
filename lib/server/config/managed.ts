const GLOBAL_KEY = Symbol.for("hookscope.managedBins");
type Holder = { [GLOBAL_KEY]?: ReadonlySet<string> };

/** The bins HOOKSCOPE_CONFIG declares (on globalThis: the custom server applies, Next's routes ask). */
export function setManagedBins(names: Iterable<string>): void {
  (globalThis as Holder)[GLOBAL_KEY] = new Set(names);
}

export function isManagedBin(binId: string): boolean {
  return (globalThis as Holder)[GLOBAL_KEY]?.has(binId) ?? false;
}
