/**
 * The document Firehose writes under its error prefix for each record it could not convert (Firehose
 * guide, "Handling errors for data format conversion"): written by the local Firehose, read back by the
 * redrive, which needs only `rawData`, the record's bytes in base64. Documents are written one per line.
 */
export interface ConversionErrorRecord {
  attemptsMade: number;
  arrivalTimestamp: number;
  ErrorCode: string;
  ErrorMessage: string;
  attemptEndingTimestamp: number;
  rawData: string;
  sequenceNumber: string;
  subSequenceNumber: number;
  dataCatalogTable: {
    catalogId: string;
    databaseName: string;
    tableName: string;
    region: string;
    versionId: string;
    catalogArn: string;
  };
}

/** The `!{firehose:error-output-type}` of a conversion failure, as the guide's prefix examples spell it. */
export const FORMAT_CONVERSION_FAILED = "format-conversion-failed";

/** The records an error object holds, and the lines that are no error document (each named by number). */
export function errorObjectRecords(text: string): { records: Buffer[]; bad: string[] } {
  const records: Buffer[] = [];
  const bad: string[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const doc = JSON.parse(line) as Partial<ConversionErrorRecord>;
      if (typeof doc.rawData !== "string") throw new Error("no rawData");
      records.push(Buffer.from(doc.rawData, "base64"));
    } catch (error) {
      bad.push(`line ${i + 1}: ${(error as Error).message}`);
    }
  });
  return { records, bad };
}
