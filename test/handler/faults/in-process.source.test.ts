/**
 * The fault suite (suite.ts), the source's faults, on the handler in this process, with the servers' idle
 * limit scaled down (1 s, the function's own 0.8 s: the same order as the real 5 s and its default).
 */
import { inProcess } from "../../helpers/function-targets";
import { faultSuite } from "./suite";

faultSuite(inProcess, { idle: { serverMs: 1000, functionMs: 800 }, parts: ["source"] });
