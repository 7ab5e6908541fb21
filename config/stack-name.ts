/**
 * Stack names are lower-case letters and digits only: with no hyphen, a stack's name prefix
 * (`<project>-<stack>-`) can never be the start of another stack's, so a grant on one stack's pattern never
 * reaches another stack.
 */
export const STACK_NAME = /^[a-z0-9]{1,20}$/;
/** Names the bootstrap's own resources start with (`<project>-state-<account>`, ...): no stack may take them. */
export const RESERVED_STACK_NAMES = ["state", "bootstrap"];
export const STACK_NAME_RULE = `1 to 20 lower-case letters and digits, not ${RESERVED_STACK_NAMES.join(" or ")} (each stack's IAM grants are scoped by its name prefix)`;

export function isStackName(name: string): boolean {
  return STACK_NAME.test(name) && !RESERVED_STACK_NAMES.includes(name);
}
