/**
 * LakeStorage: the data lake's bucket, hardened by secureBucket (no public access, owner-enforced,
 * encrypted, versioned, TLS only) with the zones' lifecycle. It keeps the data: protected and retained on
 * delete when the stack says so, emptied by a destroy only when it says that instead.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import type { LakeZones } from "../../model/lake";
import { secureBucket } from "./secure-bucket";
import { lifecycleRules, Retention } from "./lifecycle";

export interface LakeStorageArgs {
  readonly bucketName: pulumi.Input<string>;
  readonly lake: LakeZones;
  readonly retention: Retention;
  /** Protected and retained on delete. */
  readonly protect: boolean;
  /** A destroy may delete the bucket with its objects (throwaway stacks). */
  readonly forceDestroy: boolean;
}

export class LakeStorage extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;

  constructor(name: string, args: LakeStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:storage:LakeStorage", name, {}, opts);
    this.bucket = secureBucket(
      `${name}-bucket`,
      {
        bucketName: args.bucketName,
        forceDestroy: args.forceDestroy,
        keep: args.protect,
        lifecycleRules: lifecycleRules(args.lake, args.retention),
      },
      this,
    );
    this.registerOutputs({ bucketName: this.bucket.id, bucketArn: this.bucket.arn });
  }
}
