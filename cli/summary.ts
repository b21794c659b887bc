import type { LocalOutcome } from "./local-target";

/** What a run did, printed when it stops. */
export class Summary {
  private startedAt = 0;
  private answered = 0;
  private errors = 0;
  private readonly failures = new Map<string, number>();
  private fromInspector = 0;
  dropped = 0;

  get started(): boolean {
    return this.startedAt > 0;
  }

  start(): void {
    this.startedAt = Date.now();
  }

  count(kind: "capture" | "replay" | "push", outcome: LocalOutcome): void {
    if (kind === "push") this.fromInspector++;
    if (!outcome.ok) this.failures.set(outcome.error.code, (this.failures.get(outcome.error.code) ?? 0) + 1);
    else if (outcome.status >= 400) this.errors++;
    else this.answered++;
  }

  text(name: string): string {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const failed = [...this.failures.values()].reduce((sum, n) => sum + n, 0);
    const total = this.answered + this.errors + failed;
    const rate = seconds > 0 ? ` (${(total / seconds).toFixed(1)}/s)` : "";
    const reasons = [...this.failures].map(([code, n]) => `${n} ${code.replace(/_/g, " ")}`).join(", ");
    return [
      `Stopped after ${seconds.toFixed(1)} s: ${total} delivered${rate}: ${this.answered} answered below 400, ${this.errors} answered 400 or above, ${failed} not delivered${reasons ? ` (${reasons})` : ""}.`,
      ...(this.fromInspector > 0 ? [`${this.fromInspector} of them sent from the inspector.`] : []),
      ...(this.dropped > 0 ? [`WARNING: ${this.dropped} capture${this.dropped === 1 ? "" : "s"} removed by retention before delivery.`] : []),
      `Forwarder "${name}" resumes where it stopped when started again with the same command.`,
    ].join("\n");
  }
}
