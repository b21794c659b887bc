import { useMemo } from "react";
import { parseQuery } from "@/lib/client/query";
import { PairsTable } from "./pairs-table";

export function QueryTab({ query }: { query: string }) {
  const params = useMemo(() => parseQuery(query), [query]);
  return <PairsTable caption="Query parameters, decoded, in order" nameHeader="Parameter" pairs={params} empty="No query string." />;
}
