/** Zips a laid-out artifact the way it is uploaded to Lambda, to measure what the deployment ships. */
import fs from "fs";
import path from "path";
import yazl from "yazl";

export async function zipDirectory(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(name);
      else zip.addFile(path.join(dir, name), name);
    }
  };
  walk("");
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
