/** One fixture's result, as a JUnit test case. */
export interface CaseResult {
  name: string;
  seconds: number;
  /** Unmet expectations (a <failure>). */
  failure?: { message: string; detail: string };
  /** Not sent or no answer (an <error>). */
  error?: { message: string; detail: string };
}

// XML 1.0 allows neither most control characters nor lone surrogates, even escaped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(text: string): string {
  return text.replace(INVALID_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** The JUnit XML report CI systems read: one suite, one case per fixture, failures and errors apart. */
export function junitXml(suite: string, cases: readonly CaseResult[], startedAt: Date): string {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const total = cases.reduce((sum, c) => sum + c.seconds, 0).toFixed(3);
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" time="${total}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hookscope replay" ${counts}>`,
    `  <testsuite name="${escapeXml(suite)}" ${counts} skipped="0" timestamp="${startedAt.toISOString().slice(0, 19)}">`,
  ];
  for (const c of cases) {
    const open = `    <testcase classname="hookscope.replay" name="${escapeXml(c.name)}" time="${c.seconds.toFixed(3)}"`;
    const problem = c.failure ? { tag: "failure", ...c.failure } : c.error ? { tag: "error", ...c.error } : undefined;
    if (!problem) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`, `      <${problem.tag} message="${escapeXml(problem.message)}">${escapeXml(problem.detail)}</${problem.tag}>`, "    </testcase>");
  }
  lines.push("  </testsuite>", "</testsuites>", "");
  return lines.join("\n");
}
