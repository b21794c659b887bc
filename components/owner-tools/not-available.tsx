import { Alert } from "./alert";

/** What an owner sees where the server does not offer a feature yet (its route answers 404). */
export function NotAvailable({ feature }: { feature: string }) {
  return (
    <Alert tone="info" title={`${feature} is not available yet`}>
      This Hookscope server does not offer it yet. Once it does, it appears here without any change on your side.
    </Alert>
  );
}
