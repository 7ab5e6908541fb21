/**
 * The fault suite (suite.ts), the rate budget across a warm container and the Kinesis faults, on the
 * handler in this process.
 */
import { inProcess } from "../../helpers/function-targets";
import { faultSuite } from "./suite";

faultSuite(inProcess, { idle: { serverMs: 1000, functionMs: 800 }, parts: ["rate budget", "kinesis"] });
