import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";

/** After the server refused an internal target: the connected CLI reaches the owner's machine. */
export function UseCliInstead({ name, onUse }: { name: string; onUse(): void }) {
  return (
    <Alert tone="info">
      <span className="mr-2">
        Your machine is reachable through hookscope forward <span className="font-mono">&quot;{name}&quot;</span>.
      </span>
      <Button size="sm" onClick={onUse}>
        Use &quot;{name}&quot; instead
      </Button>
    </Alert>
  );
}
