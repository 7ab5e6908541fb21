/**
 * What the bootstrap needs to know of each pipeline stack, read from the stack's own files (the program's
 * Pulumi.yaml and Pulumi.<stack>.yaml one folder up), so the roles follow the stacks' configuration rather
 * than a copy of it: whether a destroy may empty the lake, and that the stack lives in the bootstrap's
 * region (every grant names that region).
 */
import path from "path";
import { readStackFiles } from "../config/stack-files";
import { parseStackConfig } from "../config/stack-config";
import { stackConfigError } from "../config/errors";
import type { StackFacts } from "../iam/stack-arns";

export const PIPELINE_DIR = path.resolve(__dirname, "..");

export function readPipelineStacks(
  stacks: string[],
  expected: { project: string; region: string; configKey: string },
  dir = PIPELINE_DIR,
): Record<string, StackFacts> {
  return Object.fromEntries(
    stacks.map((stack) => {
      let files;
      try {
        files = readStackFiles(dir, stack);
      } catch (error) {
        throw stackConfigError(expected.configKey, `lists "${stack}": ${(error as Error).message}`);
      }
      if (files.project !== expected.project)
        throw stackConfigError(
          expected.configKey,
          `lists "${stack}" of the project "${files.project}", not the pipeline project "${expected.project}"`,
        );
      const config = parseStackConfig(files.config, stack, files.project);
      if (config.region !== expected.region)
        throw stackConfigError(
          "aws:region",
          `of Pulumi.${stack}.yaml is ${config.region}, the bootstrap's is ${expected.region}: the roles grant on one region`,
        );
      return [stack, { lakeForceDestroy: config.bucketForceDestroy }];
    }),
  );
}
