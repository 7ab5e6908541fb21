/**
 * Mutation testing, split by folder (`npm run mutate`): each part mutates one folder where behaviour lives
 * and runs the tests that exercise it in-process. A part is small enough for one CI job
 * (.github/workflows/mutation.yml makes a matrix of them) and can be re-run alone
 * (`npm run mutate -- --part model`). Its score is reported per folder (scripts/mutation/scores.ts).
 *
 * Only in-process tests are listed: Stryker switches mutants inside the process that loaded the sources,
 * so a test that runs a child process (the CLIs, the packaged archive on Node 22) would judge every mutant
 * by accident; those tests are in `npm test`.
 */

export interface MutationPart {
  /** The folder mutated, as the report groups it (`handler`, `components/ingest`, `local/stand-ins/iam`). */
  folder: string;
  /** Files of the folder left out, each with the reason. */
  excluded?: Record<string, string>;
  /** The test files (globs) that exercise it in-process. */
  tests: string[];
  /**
   * Why every mutant runs all of the part's tests (in order, to the first failure) instead of the tests
   * that covered it. Stryker's per-test coverage counts what a `before` hook runs for the first test of
   * its block alone; where the tests share a program evaluated in a hook, a mutant of that program would
   * run one test and "survive" the tests that check it.
   */
  allTests?: string;
}

const COMPONENT_TESTS: Record<string, string[]> = {
  alerting: ["test/components/alerting.test.ts"],
  catalog: ["test/components/lake-catalog.test.ts"],
  delivery: ["test/components/delivery-to-s3.test.ts"],
  ingest: [
    "test/components/ingest-pipeline.test.ts",
    "test/components/ingest-schedule.test.ts",
    "test/components/ingest-alarms.test.ts",
    "test/components/function-environment.test.ts",
    "test/components/handler-package.test.ts",
  ],
  monitoring: ["test/components/operations-dashboard.test.ts", "test/program/dashboard.test.ts"],
  security: ["test/components/security-roles.test.ts", "test/components/policies.test.ts"],
  storage: ["test/components/lake-storage.test.ts", "test/components/secure-bucket.test.ts"],
  stream: ["test/components/beer-stream.test.ts"],
};

export const PARTS: readonly MutationPart[] = [
  {
    folder: "handler",
    excluded: {
      "handler/packaging.ts":
        "the list of packages the archive leaves out: data read when the archive is built, checked by the archive's size and contents in test/components/handler-package.test.ts, not by code these tests run",
    },
    tests: ["test/handler/*.test.ts", "test/handler/faults/in-process.*.test.ts"],
  },
  {
    folder: "config",
    tests: [
      "test/config/*.test.ts",
      "test/model/*.test.ts",
      "test/local/render-prefix.test.ts",
      "test/docs.test.ts",
    ],
  },
  { folder: "model", tests: ["test/model/*.test.ts", "test/components/*.test.ts"] },
  { folder: "schema", tests: ["test/model/*.test.ts", "test/handler/unknown-fields.test.ts"] },
  { folder: "quality", tests: ["test/quality/*.test.ts"] },
  {
    folder: "resource-types",
    tests: [
      "test/resource-types/*.test.ts",
      "test/cost/*.test.ts",
      "test/iam/*.test.ts",
      "test/local/realise-index.test.ts",
      "test/bootstrap/roles.test.ts",
    ],
  },
  {
    folder: "iam",
    tests: [
      "test/iam/*.test.ts",
      "test/components/policies.test.ts",
      "test/bootstrap/roles.test.ts",
      "test/bootstrap/trust.test.ts",
    ],
  },
  { folder: "cost", tests: ["test/cost/*.test.ts"] },
  { folder: "policy", tests: ["test/policy/*.test.ts"] },
  {
    folder: "bootstrap",
    allTests:
      "the bootstrap program is evaluated once per file, in `before` hooks; the part's tests take about 5 s in all, fast ones first",
    tests: [
      "test/bootstrap/config.test.ts",
      "test/bootstrap/policy-documents.test.ts",
      "test/bootstrap/bootstrap.test.ts",
      "test/bootstrap/trust.test.ts",
      "test/bootstrap/roles.test.ts",
      "test/iam/stack-scope.test.ts",
    ],
  },
  ...Object.entries(COMPONENT_TESTS).map(([name, tests]) => ({ folder: `components/${name}`, tests })),
  {
    folder: "local/stand-ins/iam",
    tests: [
      "test/local/iam-requests.test.ts",
      "test/local/iam-local.test.ts",
      "test/local/iam-gateway.test.ts",
    ],
  },
  { folder: "local/stand-ins/alarms", tests: ["test/local/alarm-*.test.ts"] },
  {
    folder: "local/stand-ins/firehose",
    tests: [
      "test/local/render-prefix.test.ts",
      "test/local/firehose-buffer.test.ts",
      "test/local/firehose-delivery.test.ts",
    ],
  },
  { folder: "local/stand-ins/lake", tests: ["test/local/lake-read.test.ts"] },
  {
    folder: "local/operations",
    tests: [
      "test/local/operation-parts.test.ts",
      "test/local/recurate.test.ts",
      "test/local/redrive-core.test.ts",
    ],
  },
  {
    folder: "local/runner/realisers",
    // The realisers one at a time first (fractions of a second each), then the whole runs.
    tests: ["test/local/realise-*.test.ts", "test/local/outcome.test.ts", "test/local/iam-enforced.test.ts"],
  },
];

/**
 * The folders of TypeScript outside test/ that no part mutates, each with the reason; a test holds every
 * such folder to one of PARTS or this list, so none is left out unnoticed.
 */
export const NOT_MUTATED: Readonly<Record<string, string>> = {
  ".": "index.ts composes the components; the program tests (test/program) evaluate it whole",
  bench: "benchmarks: measurements printed for people, not behaviour the product has",
  scripts: "the project's commands for its own upkeep (mutate, docs, format check): run by hand and in CI",
  "scripts/mutation":
    "the mutation plan and scores: mutating the tool that judges mutants proves nothing; test/mutation checks it",
  "local/commands":
    "the commands' entry points (start, plan, query, punkapi): run as child processes by test/local",
  "local/aws":
    "the --aws adapters (STS, SQS, Lambda): they reach AWS, which no test here can; the operations they drive are mutated in local/operations",
  "local/support": "the system's timers and temporary folders, wrapped so that tests can drive them",
  "local/commands/cli": "argument parsing and exit codes, tested through the commands as child processes",
  "local/stand-ins/lambda": "the local Lambda runtime: child processes on Node 22, out of Stryker's reach",
  "local/harness":
    "the mocks harness every part's tests run on: mutating it would judge the tests, not the code",
  "local/stand-ins/punkapi":
    "the Punk API stand-in: the fault suite and test/local/punkapi.test.ts run it over HTTP",
  "local/runner": "the runner's orchestration: whole local runs (test/local) exercise it",
  "local/stand-ins/schedule": "the runner's clock of invocations: whole local runs exercise it",
  "local/stand-ins/services": "kinesalite and s3rver started in-process: third-party stand-ins, wiring only",
};

/** A part by its folder; an unknown one is named with the choices. */
export function partNamed(folder: string): MutationPart {
  const found = PARTS.find((p) => p.folder === folder.replace(/\/+$/, ""));
  if (!found)
    throw new Error(`no mutation part "${folder}"; parts: ${PARTS.map((p) => p.folder).join(", ")}`);
  return found;
}

/** Stryker's `mutate` globs for a part: every TypeScript file of the folder, less the excluded ones. */
export function mutateGlobs(part: MutationPart): string[] {
  return [`${part.folder}/**/*.ts`, ...Object.keys(part.excluded ?? {}).map((f) => `!${f}`)];
}
