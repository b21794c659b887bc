/** A captured request as it travels in an export file: everything needed to restore it byte-exact. */
export interface PortableRequest {
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: Uint8Array;
  remoteAddress: string;
  httpVersion: string;
  receivedAt: Date;
  responseStatus: number;
  /** Which response rule chose that answer, in words; null for the bin's configured response. */
  responseRule: string | null;
}
