"use client";
import { useSyncExternalStore } from "react";
import { ORIGIN_VARIABLE } from "./curl-example";
import { CurlBlock } from "./curl-block";

const subscribe = () => () => {};

/**
 * `export HOOKSCOPE=<this server>`, which every example starts from. The page is static, so the
 * origin is read in the browser; the server's render says where it goes.
 */
export function OriginSetup() {
  const origin = useSyncExternalStore(
    subscribe,
    () => window.location.origin,
    () => "https://<your-hookscope-host>",
  );
  return <CurlBlock title="Set up once" code={`export ${ORIGIN_VARIABLE}=${origin}`} label="origin setup command" />;
}
