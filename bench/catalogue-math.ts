/** The arithmetic of bench:catalogue: what each mode needs to hold all n beers of a catalogue. */
import { PAGE_SIZE } from "../handler/contract";

/** Expected requests to see all n of n equally likely items, drawing one per request: n·Hₙ. */
export const expectedRandomRequests = (n: number) =>
  n * Array.from({ length: n }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);

/** Requests of a catalogue snapshot of n beers: full pages, then a short (possibly empty) one. */
export const catalogueRequests = (n: number) => Math.floor(n / PAGE_SIZE) + 1;
