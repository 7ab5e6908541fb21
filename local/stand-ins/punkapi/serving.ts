/** What the routes need from the server: how to send, and where to count what they serve. */
import type { Send } from "./responses";

export interface Serving {
  send: Send;
  /** Records the beers, by id, as served in a successful response. */
  served(ids: number[]): void;
  /** The id /beers/random must serve next, when the server was asked for some (then random ones). */
  nextRandomId(): number | undefined;
}
