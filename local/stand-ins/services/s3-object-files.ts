/**
 * How s3rver keeps an object on disk: `<directory>/<bucket>/<key>._S3rver_object`. In a module of its own
 * so that what reads a lake from the file system (npm run query, the run summary) does not load s3rver
 * and the S3 client (over half a second of CPU) to learn one suffix.
 */
export const S3RVER_OBJECT_SUFFIX = "._S3rver_object";
