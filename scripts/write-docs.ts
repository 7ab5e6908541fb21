// `npm run docs`: writes the generated documentation (docs/configuration.md) from the code it describes.
import fs from "fs";
import path from "path";
import { configurationReference } from "../config/reference";

const file = path.join(__dirname, "..", "docs", "configuration.md");
fs.writeFileSync(file, configurationReference());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
