/** What the routes need from the server: how to send, what to add to a beer, and where to count what they serve. */
import type { Send } from "./responses";

export interface Serving {
  send: Send;
  /** Records the beers, by id, as served in a successful response. */
  served(ids: number[]): void;
  /** The id /beers/random must serve next, when the server was asked for some (then random ones). */
  nextRandomId(): number | undefined;
  /** A v2 beer as served: with the fields the server was asked to add (./extra-fields.ts), if any. */
  beer<T extends object>(beer: T): T;
  /** A v3 beer's wire text as served, likewise. */
  beerWire(wire: string): string;
}
