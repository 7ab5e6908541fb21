/** What the routes need from the server: how to send, and the beers it serves (counted, in its contract). */
import type { V2Beer } from "./catalogue";
import type { Send } from "./responses";

export interface Serving {
  send: Send;
  /** Records the beers as served and returns them in the server's contract. */
  served(beers: V2Beer[]): unknown[];
  /** The next random beer (the ids asked for first, then random ones). */
  random(): [V2Beer];
}
