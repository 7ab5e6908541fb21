/**
 * The fault suite (suite.ts), the rate budget across a warm container, the Kinesis faults and the time cap, on the
 * function as it ships: the test stack's archive on Node 22.
 */
import { packagedArtifact } from "../../helpers/function-targets";
import { faultSuite } from "./suite";

faultSuite(packagedArtifact(), { idle: { serverMs: 5000 }, parts: ["rate budget", "kinesis", "time cap"] });
