/** How a declared resource of one type comes to exist on this machine. */
import type { DeclaredResource } from "../../harness/run-program";
import type { RunContext } from "../context";

export type Realiser = (resource: DeclaredResource, ctx: RunContext) => Promise<void> | void;
