/**
 * The small parts the operator commands are built of (local/operations/): what a Firehose object's key
 * says, when its records arrived, listing a bucket page by page, the local queue file, and a failure
 * queue that shows a message again (as SQS does once its visibility timeout passes).
 */
import fs from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { expect } from "chai";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { arrivalOf, dayOf, objectName, writtenAt } from "../../local/operations/object-names";
import { listKeys, putObject, recordsOf } from "../../local/operations/lake-objects";
import { QueueFile } from "../../local/operations/queue-file";
import { FailureQueue, QueueMessage, redriveQueue } from "../../local/operations/redrive-queue";
import { startS3rver } from "../../local/stand-ins/services/s3";

const UUID = "6c040a8d-cdb2-4b1a-a865-d6e91ba40957";

describe("the operator commands' parts (local/operations)", () => {
  describe("a Firehose object's key", () => {
    it("splits into its folder, stream, version, time, id and extension", () => {
      expect(
        objectName(
          `raw/beers/dt=2026-11-28/punkapi-consumer-test-delivery-12-2026-11-28-04-03-01-${UUID}.gz`,
        ),
      ).to.deep.equal({
        folder: "raw/beers/dt=2026-11-28/",
        stream: "punkapi-consumer-test-delivery",
        version: "12",
        written: "2026-11-28-04-03-01",
        uuid: UUID,
        extension: ".gz",
      });
      expect(objectName(`errors/x/s-1-2026-11-28-04-03-01-${UUID}`)?.extension).to.equal("");
      expect(objectName(`s-1-2026-11-28-04-03-01-${UUID}`)?.folder).to.equal("");
    });

    it("is no Firehose object's when its name lacks the time or the id", () => {
      expect(objectName("raw/beers/dt=2026-11-28/notes.txt")).to.equal(undefined);
      expect(objectName(`raw/s-1-2026-11-28-04-03-${UUID}.gz`)).to.equal(undefined);
      expect(arrivalOf("raw/dt=!{timestamp:yyyy-MM-dd}/", "raw/dt=2026-11-28/notes.txt")).to.equal(undefined);
    });

    it("was written at the name's time, in UTC", () => {
      const name = objectName(`s-1-2026-11-28-04-03-01-${UUID}`)!;
      expect(writtenAt(name).toISOString()).to.equal("2026-11-28T04:03:01.000Z");
      expect(dayOf(new Date("2026-11-28T23:59:59Z"))).to.equal("2026-11-28");
    });

    it("dates its records by the folder: the name's time, or the last minute before it that the folder allows, a day back at most", () => {
      const prefix = "raw/dt=!{timestamp:yyyy-MM-dd}/";
      // Written at the name's time, in the folder's day: that time.
      expect(arrivalOf(prefix, `raw/dt=2026-11-28/s-1-2026-11-28-10-00-30-${UUID}`)?.toISOString()).to.equal(
        "2026-11-28T10:00:30.000Z",
      );
      // Written after midnight into the day before's folder: the last minute of that day.
      expect(arrivalOf(prefix, `raw/dt=2026-11-28/s-1-2026-11-29-00-00-30-${UUID}`)?.toISOString()).to.equal(
        "2026-11-28T23:59:30.000Z",
      );
      // Exactly a day back is still looked at; a folder further back is no folder of this object.
      expect(arrivalOf(prefix, `raw/dt=2026-11-28/s-1-2026-11-29-23-59-30-${UUID}`)?.toISOString()).to.equal(
        "2026-11-28T23:59:30.000Z",
      );
      expect(arrivalOf(prefix, `raw/dt=2026-11-27/s-1-2026-11-29-23-59-30-${UUID}`)).to.equal(undefined);
      // A folder the prefix does not lay out.
      expect(arrivalOf(prefix, `curated/dt=2026-11-28/s-1-2026-11-28-10-00-30-${UUID}`)).to.equal(undefined);
    });
  });

  describe("objects", () => {
    it("reads NDJSON, gzip or not by the key, each record with its newline, blank lines left out", () => {
      expect(recordsOf("a.gz", gzipSync('{"a":1}\n  \n{"b":2}')).map(String)).to.deep.equal([
        '{"a":1}\n',
        '{"b":2}\n',
      ]);
      expect(recordsOf("a", Buffer.from('\n{"a":1}\n\n'))).to.deep.equal([Buffer.from('{"a":1}\n')]);
    });

    it("lists every key under a prefix, page after page", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-list-"));
      const s3 = await startS3rver(dir, "us-east-1");
      try {
        await s3.client.send(new CreateBucketCommand({ Bucket: "bkt" }));
        for (const k of ["p/1", "p/2", "q/4", "p/5"]) await putObject(s3.client, "bkt", k, "x");
        expect(await listKeys(s3.client, "bkt", "p/")).to.deep.equal(["p/1", "p/2", "p/5"]);
        expect(await listKeys(s3.client, "bkt", "none/")).to.deep.equal([]);
      } finally {
        await s3.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
      // s3rver fails a continuation: the pages, as the ListObjectsV2 reference shapes them, scripted.
      const pages: Record<
        string,
        { Contents: { Key: string }[]; IsTruncated: boolean; NextContinuationToken?: string }
      > = {
        start: { Contents: [{ Key: "p/1" }, { Key: "p/2" }], IsTruncated: true, NextContinuationToken: "t2" },
        t2: { Contents: [{ Key: "p/3" }], IsTruncated: true, NextContinuationToken: "t3" },
        t3: { Contents: [{ Key: "p/5" }], IsTruncated: false },
      };
      const asked: (string | undefined)[] = [];
      const paged = {
        send: async (command: { input: { ContinuationToken?: string; MaxKeys?: number } }) => {
          asked.push(command.input.ContinuationToken);
          expect(command.input.MaxKeys).to.equal(2);
          return pages[command.input.ContinuationToken ?? "start"];
        },
      } as unknown as Parameters<typeof listKeys>[0];
      expect(await listKeys(paged, "bkt", "p/", 2)).to.deep.equal(["p/1", "p/2", "p/3", "p/5"]);
      expect(asked).to.deep.equal([undefined, "t2", "t3"]);
    });
  });

  describe("the failure queue", () => {
    it("gives a queue file's lines once, numbered from one, blank lines left out; emptied when every message is removed", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-queue-"));
      const file = path.join(dir, "q.jsonl");
      fs.writeFileSync(file, "a\n  \nb\n");
      const queue = new QueueFile(file);
      const messages = await queue.receive();
      expect(messages).to.deep.equal([
        { id: "1", receipt: "1", body: "a" },
        { id: "2", receipt: "2", body: "b" },
      ]);
      expect(await queue.receive()).to.deep.equal([]);
      for (const m of messages) await queue.remove(m);
      queue.commit();
      expect(fs.readFileSync(file, "utf8")).to.equal("");
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("tries each message once per redrive though the queue shows it again, and names what is no destination record", async () => {
      const bodies = [
        "null",
        "5",
        JSON.stringify({ other: 1 }),
        JSON.stringify({ requestPayload: { n: 1 } }),
      ];
      // Every receive shows every message not removed, as SQS does once the visibility timeout has passed.
      const left = new Map(bodies.map((body, i) => [String(i), body]));
      const queue: FailureQueue = {
        receive: async () => [...left].map(([id, body]): QueueMessage => ({ id, receipt: `r${id}`, body })),
        remove: async (m) => void left.delete(m.id),
      };
      const invoked: unknown[] = [];
      const report = await redriveQueue(queue, async (event) => {
        invoked.push(event);
        return "still failing";
      });
      expect(invoked).to.deep.equal([{ n: 1 }]);
      expect(report.messages).to.equal(4);
      expect(report.failed).to.deep.equal([
        { id: "0", reason: "no requestPayload: not a Lambda failure destination record" },
        { id: "1", reason: "no requestPayload: not a Lambda failure destination record" },
        { id: "2", reason: "no requestPayload: not a Lambda failure destination record" },
        { id: "3", reason: "still failing" },
      ]);
    });
  });
});
