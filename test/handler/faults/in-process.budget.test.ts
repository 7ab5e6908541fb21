/**
 * The fault suite (suite.ts), the rate budget across a warm container, the Kinesis faults and the time cap, on the
 * handler in this process.
 */
import { inProcess } from "../../helpers/function-targets";
import { faultSuite } from "./suite";

faultSuite(inProcess, {
  idle: { serverMs: 1000, functionMs: 800 },
  parts: ["rate budget", "kinesis", "time cap"],
});
