// The AWS SDK warns once per process that its releases after January 2027 need Node 22; the lockfile pins
// a release that runs on Node 20, and the README says so. Keep the test output readable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// No global setup: the first test process that needs a program's run evaluates it and the others wait for
// its file (local/harness/program-cache.ts), so the parallel workers start at once.
export {};
