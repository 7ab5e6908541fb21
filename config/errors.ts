/** A configuration error names its key (`<namespace>:<key>`); the CLIs exit 2 on it, the program stops. */
export interface StackConfigError extends Error {
  readonly key: string;
}

export function stackConfigError(key: string, message: string): StackConfigError {
  return Object.assign(new Error(`invalid stack configuration: ${key} ${message}`), {
    name: "StackConfigError",
    key,
  });
}

/** By name, not class: the error crosses module copies (the program is loaded more than once in tests). */
export function isStackConfigError(error: unknown): error is StackConfigError {
  return error instanceof Error && error.name === "StackConfigError";
}
