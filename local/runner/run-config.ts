/**
 * The stack's configuration for a local run, apart from the run itself so that a command can check it
 * without loading the local services (a bad key answered in a fraction of a second).
 */
import { stackConfigError } from "../../config/errors";
import { parseStackConfig } from "../../config/stack-config";
import { readStackFiles } from "../../config/stack-files";
import { lakeModel } from "../../model/lake";
import { CRON_NOT_LOCAL } from "../stand-ins/schedule/scheduler";

/**
 * The stack's configuration for a local run, checked as the program checks it, plus what a local run
 * needs (a rate schedule): a bad key is named before anything starts.
 */
export function readRunConfig(
  projectDir: string,
  stack: string,
  overrides: Readonly<Record<string, string>> = {},
) {
  const files = readStackFiles(projectDir, stack);
  for (const [key, value] of Object.entries(overrides))
    files.config[key.includes(":") ? key : `${files.project}:${key}`] = value;
  const config = parseStackConfig(files.config, stack, files.project);
  if (config.scheduleExpression.kind === "cron")
    throw stackConfigError(`${files.project}:scheduleExpression`, CRON_NOT_LOCAL);
  return { files, config, lake: lakeModel(config) };
}
