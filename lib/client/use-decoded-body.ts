"use client";
// The body with its Content-Encoding undone: in the browser where DecompressionStream can, else
// by the server's /decoded endpoint, else not at all (and the view says so).
import { useEffect, useState } from "react";
import { decodeBody, isKnownCoding, supportsCoding } from "@/lib/shared/body/encoding";
import { getDecodedBody } from "./api";
import { errorMessage } from "@/lib/shared/errors";

export type DecodedBody =
  | { status: "idle" }
  | { status: "decoding" }
  | { status: "ready"; bytes: Uint8Array; capped: boolean }
  | { status: "failed"; message: string }
  | { status: "unavailable"; message: string };

interface Source {
  binId: string;
  token: string;
  requestId: string;
}

export function useDecodedBody(bytes: Uint8Array | null, codings: readonly string[] | null, source: Source): DecodedBody {
  const [state, setState] = useState<{ bytes: Uint8Array; result: DecodedBody } | null>(null);
  const { binId, token, requestId } = source;
  const key = codings?.join(",") ?? "";

  useEffect(() => {
    if (!bytes || key === "") return;
    let cancelled = false;
    const list = key.split(",");
    const done = (result: DecodedBody) => {
      if (!cancelled) setState({ bytes, result });
    };
    const local = list.every((c) => isKnownCoding(c) && supportsCoding(c));
    if (local) {
      void decodeBody(bytes, list).then((result) =>
        done(result.ok ? { status: "ready", bytes: result.bytes, capped: result.capped } : { status: "failed", message: result.error }),
      );
    } else {
      getDecodedBody(binId, token, requestId)
        .then((decoded) => done({ status: "ready", bytes: decoded, capped: false }))
        .catch((error: unknown) =>
          done({
            status: "unavailable",
            message: `Decoded view unavailable: this browser cannot decode "${key}", and the server could not either: ${errorMessage(error)}`,
          }),
        );
    }
    return () => {
      cancelled = true;
    };
  }, [bytes, key, binId, token, requestId]);

  if (!bytes || key === "") return { status: "idle" };
  return state && state.bytes === bytes ? state.result : { status: "decoding" };
}
