/**
 * The resources a program declared, indexed the way the local run needs them: by type, and by the ARN the
 * mocks gave them, so references between resources (a target's function ARN, Firehose's stream ARN)
 * resolve to the local things that realise them.
 */
import type { DeclaredResource } from "../harness/run-program";

export class Declared {
  constructor(readonly resources: DeclaredResource[]) {}

  ofType(type: string): DeclaredResource[] {
    return this.resources.filter((r) => r.custom && r.type === type);
  }

  byArn(arn: string, type?: string): DeclaredResource {
    const found = this.resources.find((r) => r.state.arn === arn && (!type || r.type === type));
    if (!found) throw new Error(`no declared ${type ?? "resource"} has the ARN ${arn}`);
    return found;
  }

  /** Custom resources of the types not in `realised`, counted by type. */
  unrealised(realised: ReadonlySet<string>): { type: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const r of this.resources) {
      if (!r.custom || realised.has(r.type)) continue;
      counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    }
    return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type));
  }
}
