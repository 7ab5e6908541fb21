/** A resource's inputs: whatever the program passed, per resource type; each module narrows its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Inputs = Record<string, any>;
