import { PairsTable } from "./pairs-table";

export function HeadersTab({ headers }: { headers: readonly (readonly [string, string])[] }) {
  return <PairsTable caption="Request headers in the order received" nameHeader="Name" pairs={headers} empty="No headers." />;
}
