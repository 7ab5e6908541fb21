/**
 * The stack's IAM rule, as a function: no wildcard in an allowed action, and a `*` in an allowed resource
 * only as the trailing part under an exact bucket (`arn:aws:s3:::<bucket>/<prefix>*`) or an exact log
 * group (`arn:aws:logs:<region>:<account>:log-group:<name>:*`). Deny statements only take access away,
 * so they may be broad (the TLS-only bucket policy denies `s3:*`). Used by the tests and the policy pack.
 */
import type { PolicyDocument } from "./policies";

const TRAILING_UNDER_BUCKET = /^arn:[a-z-]+:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[^*?]*\*$/;
const TRAILING_UNDER_LOG_GROUP = /^arn:[a-z-]+:logs:[a-z0-9-]+:\d{12}:log-group:[^*?:]+:\*$/;

export function wildcardProblems(document: PolicyDocument): string[] {
  const problems: string[] = [];
  document.Statement.forEach((statement, i) => {
    if (statement.Effect !== "Allow") return;
    const where = statement.Sid ?? `statement ${i}`;
    // Stryker disable next-line ArrayDeclaration: 1 equivalent mutant, an element with no wildcard adds no problem.
    const actions = ([] as string[]).concat(statement.Action ?? []);
    for (const action of actions) {
      if (/[*?]/.test(action)) problems.push(`${where}: wildcard action "${action}"`);
    }
    if ((statement as { NotAction?: unknown }).NotAction)
      problems.push(`${where}: NotAction allows everything else`);
    if ((statement as { NotResource?: unknown }).NotResource)
      problems.push(`${where}: NotResource allows everything else`);
    // Stryker disable next-line ArrayDeclaration: 1 equivalent mutant, an element with no wildcard adds no problem.
    const resources = ([] as string[]).concat(statement.Resource ?? []);
    for (const resource of resources) {
      if (!/[*?]/.test(resource)) continue;
      if (TRAILING_UNDER_BUCKET.test(resource) || TRAILING_UNDER_LOG_GROUP.test(resource)) continue;
      problems.push(`${where}: wildcard resource "${resource}"`);
    }
  });
  return problems;
}
