"use client";
// The body bytes a view works on. Small bodies come whole; a large one first as its first
// PREVIEW_BYTES, so the pane is readable at once, and whole when the reader asks.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { RequestDetail } from "@/lib/shared/api-types";
import { base64ToBytes } from "@/lib/shared/body/bytes";
import { PREVIEW_BYTES } from "@/lib/shared/body/limits";
import { getRawBytes } from "./api";
import { errorMessage } from "@/lib/shared/errors";

export type BodyBytes =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; bytes: Uint8Array; /** false: `bytes` is only the first part */ complete: boolean };

export interface BodyBytesState {
  body: BodyBytes;
  loadAll(): void;
}

/** base64 of exactly the first `limit` bytes: 4 characters carry 3 bytes. */
function decodePrefix(base64: string, limit: number): Uint8Array {
  return base64ToBytes(base64.slice(0, Math.ceil(limit / 3) * 4)).subarray(0, limit);
}

export function useBodyBytes(detail: RequestDetail, token: string): BodyBytesState {
  const [wantAll, setWantAll] = useState(false);
  const [fetched, setFetched] = useState<{ id: string; all: boolean; body: BodyBytes } | null>(null);
  const size = detail.bodySize;
  // The detail answer normally carries the body; a server that leaves big ones out sends "".
  const inline = size === 0 || detail.bodyBase64.length > 0;
  const all = wantAll || size <= PREVIEW_BYTES;

  const fromDetail = useMemo<BodyBytes | null>(() => {
    if (!inline) return null;
    if (size === 0) return { status: "ready", bytes: new Uint8Array(0), complete: true };
    return all
      ? { status: "ready", bytes: base64ToBytes(detail.bodyBase64), complete: true }
      : { status: "ready", bytes: decodePrefix(detail.bodyBase64, PREVIEW_BYTES), complete: false };
  }, [inline, size, all, detail.bodyBase64]);

  useEffect(() => {
    if (inline) return;
    const controller = new AbortController();
    getRawBytes(detail.binId, token, detail.id, all ? undefined : PREVIEW_BYTES, controller.signal)
      .then(({ bytes, complete }) => setFetched({ id: detail.id, all, body: { status: "ready", bytes, complete: complete || bytes.length >= size } }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setFetched({ id: detail.id, all, body: { status: "error", message: errorMessage(err) } });
      });
    return () => controller.abort();
  }, [inline, all, detail.binId, detail.id, token, size]);

  const loadAll = useCallback(() => setWantAll(true), []);
  const body: BodyBytes = fromDetail ?? (fetched && fetched.id === detail.id && fetched.all === all ? fetched.body : { status: "loading" });
  return { body, loadAll };
}
