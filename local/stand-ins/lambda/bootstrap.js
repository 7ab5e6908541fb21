// The stand-in for the Lambda nodejs runtime's bootstrap, run by local/stand-ins/lambda/process.ts in a child
// process: it loads the artifact's module (the cold start), then runs one invocation per IPC message,
// in the same process, so warm invocations share the container's clients as they do in Lambda.
// Plain JavaScript: it runs under bare node, beside the artifact, without the project's tooling.
"use strict";
const path = require("path");

const [artifactDir, handlerSpec] = process.argv.slice(2);

// Ctrl-C in a terminal reaches the whole process group; the local run decides when containers end.
process.on("SIGINT", () => {});
const [file, exportName] = handlerSpec.split(".");

let handler;
try {
  handler = require(path.join(artifactDir, file))[exportName];
  if (typeof handler !== "function") throw new Error(`${handlerSpec} is not a function`);
} catch (error) {
  process.send({ type: "init-error", error: { name: error.name, message: error.message } });
  process.exitCode = 1;
  process.disconnect();
  return;
}

// What the invocation printed is handed to the pipes before its result is sent, so a reader of both sees
// the log line first.
const flushed = (stream) => new Promise((resolve) => stream.write("", resolve));

process.on("message", async ({ id, event, deadline }) => {
  const context = { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  let reply;
  try {
    reply = { type: "result", id, ok: true, result: await handler(event, context) };
  } catch (error) {
    reply = { type: "result", id, ok: false, error: { name: error.name, message: error.message } };
  }
  await flushed(process.stdout);
  await flushed(process.stderr);
  process.send(reply);
});
process.send({ type: "ready" });
