/**
 * How a declared resource of one type comes to exist on this machine. A realiser is given the resource,
 * the run's inputs (read-only), the run's sinks (for the callbacks of what it makes, and to say what is
 * wrong) and the part of what earlier realisers made that it depends on; it returns what it made. How
 * that is filed in the record of the stack is its step's (`step`), so no realiser writes the record.
 */
import type { DeclaredResource } from "../../harness/run-program";
import type { Realised } from "../realised";
import type { RunInputs } from "../run-inputs";
import type { RunSinks } from "../run-sinks";

export type Realiser<Made = void, Needs extends keyof Realised = never> = (
  resource: DeclaredResource,
  run: RunInputs,
  sinks: RunSinks,
  earlier: Pick<Realised, Needs>,
) => Made | Promise<Made>;

/** One type's realiser, with what it made filed in a new record of the stack. */
export interface Step {
  type: string;
  realiser: Realiser<unknown, keyof Realised>;
  /** Where what the realiser made goes: a new record, the one given left as it was. */
  file: (realised: Realised, made: never) => Realised;
  realise(resource: DeclaredResource, run: RunInputs, sinks: RunSinks, realised: Realised): Promise<Realised>;
}

export function step<Made, Needs extends keyof Realised>(
  type: string,
  realiser: Realiser<Made, Needs>,
  file: (realised: Realised, made: Made) => Realised,
): Step {
  return {
    type,
    realiser,
    file,
    realise: async (resource, run, sinks, realised) =>
      file(realised, await realiser(resource, run, sinks, realised)),
  };
}
