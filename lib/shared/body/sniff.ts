// What the bytes are, whatever the sender declared. Only formats a browser decodes safely as an
// image are recognised; SVG is markup and deliberately not in this list.
import { startsWithBytes } from "./bytes";

export type ImageType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (startsWithBytes(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWithBytes(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWithBytes(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return "image/gif";
  if (startsWithBytes(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWithBytes(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/** gzip's magic number: lets a `.gz` upload without Content-Encoding still offer a decoded view. */
export function looksGzipped(bytes: Uint8Array): boolean {
  return startsWithBytes(bytes, [0x1f, 0x8b]);
}
