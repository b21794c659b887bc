// A curl command for each documented operation, built from the OpenAPI document itself (its
// examples and `x-curl-options`), so an example cannot drift from the route it shows.
import { shellQuote } from "@/lib/client/curl";
import type { Operation, Parameter } from "./openapi-model";

/** The shell variable the examples start from; the page says how to set it. */
export const ORIGIN_VARIABLE = "HOOKSCOPE";

/** Values that read the same in a URL as in the shell's double quotes. */
const URL_SAFE = /^[A-Za-z0-9._~*/-]*$/;

const exampleText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** `{binId}` → `<binId>`: the placeholders the reader replaces. */
export const placeholderPath = (path: string) => path.replace(/\{(\w+)\}/g, "<$1>");

/**
 * Owner-only operations (those that answer 403 to the share token) need the owner token; the
 * others read with either token.
 */
function tokenPlaceholder(operation: Operation): string {
  return operation.responses.some(([status]) => status === "403") ? "<ownerToken>" : "<token>";
}

function requestBodyExample(operation: Operation): { type: string; example: unknown } | null {
  for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
    // A "*/*" body (capture) is shown as the JSON most webhooks send.
    if (media.example !== undefined) return { type: type === "*/*" ? "application/json" : type, example: media.example };
  }
  return null;
}

export function curlExample(path: string, operation: Operation, pathParameters: readonly Parameter[]): string {
  const method = operation.method === "ANY" ? "POST" : operation.method;
  const parameters = [...pathParameters, ...operation.parameters].filter((parameter) => parameter.example !== undefined);
  const query = parameters.filter((parameter) => parameter.in === "query").map((parameter) => [parameter.name, exampleText(parameter.example)] as const);
  // Values with characters a URL or the shell would change go through curl's own encoding (GET only).
  const encode = method === "GET" && query.some(([, value]) => !URL_SAFE.test(value));
  const inline = !encode && query.length > 0 ? `?${query.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("&")}` : "";

  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`}${encode ? " -G" : ""} "$${ORIGIN_VARIABLE}${placeholderPath(path)}${inline}"`];
  if (operation.security && operation.security.length > 0) lines.push(`-H "Authorization: Bearer ${tokenPlaceholder(operation)}"`);
  for (const parameter of parameters) {
    if (parameter.in === "header") lines.push(`-H ${shellQuote(`${parameter.name}: ${exampleText(parameter.example)}`)}`);
  }
  if (encode) for (const [name, value] of query) lines.push(`--data-urlencode ${shellQuote(`${name}=${value}`)}`);
  const body = requestBodyExample(operation);
  if (body) lines.push(`-H ${shellQuote(`Content-Type: ${body.type}`)}`, `-d ${shellQuote(exampleText(body.example))}`);
  lines.push(...operation.curlOptions);
  return lines.join(" \\\n  ");
}
