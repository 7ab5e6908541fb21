/**
 * The policy pack run with every preview and deployment: `pulumi preview --policy-pack policy`. The rules
 * themselves are in rules.ts, where the tests run them offline.
 */
import { PolicyPack } from "@pulumi/policy";
import { rules } from "./rules";

new PolicyPack("punkapi-consumer-policies", { policies: rules });
