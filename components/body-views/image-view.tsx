"use client";
import { useEffect, useState } from "react";
import type { ImageType } from "@/lib/shared/body/sniff";

/**
 * The stored bytes as an image, through a Blob URL typed by the sniffed format: never the declared
 * type, never SVG, so the browser only ever runs an image decoder on them.
 */
export function ImageView({ bytes, type, label = "Body image preview" }: { bytes: Uint8Array; type: ImageType; label?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [broken, setBroken] = useState(false);

  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    setUrl(objectUrl);
    setBroken(false);
    setSize(null);
    return () => URL.revokeObjectURL(objectUrl);
  }, [bytes, type]);

  if (!url) return null;
  return (
    <figure className="flex flex-col items-start gap-2">
      <div className="rounded-md bg-[conic-gradient(#e4e4e7_25%,#fff_0_50%,#e4e4e7_0_75%,#fff_0)] bg-[length:16px_16px] p-2 ring-1 ring-zinc-200 dark:bg-[conic-gradient(#27272a_25%,#18181b_0_50%,#27272a_0_75%,#18181b_0)] dark:ring-zinc-800">
        {/* A plain <img>: a local Blob URL has nothing for next/image to optimise. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={url}
          alt={label}
          className="max-h-[28rem] max-w-full object-contain"
          onLoad={(event) => setSize({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
          onError={() => setBroken(true)}
        />
      </div>
      <figcaption className="text-xs text-zinc-500 dark:text-zinc-400">
        {broken ? `The bytes start like ${type} but do not decode as one.` : `${type}${size ? ` · ${size.width} × ${size.height} px` : ""}`}
      </figcaption>
    </figure>
  );
}
