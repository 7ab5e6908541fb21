/**
 * The fault suite (suite.ts), the source's faults, on the function as it ships: the test stack's archive
 * on Node 22, with the real servers' 5 s idle limit and the function's own default.
 */
import { packagedArtifact } from "../../helpers/function-targets";
import { faultSuite } from "./suite";

faultSuite(packagedArtifact(), { idle: { serverMs: 5000 }, parts: ["source"] });
