/**
 * `npm start`: the local run of a whole stack. Until the local provider lands (issue 4), it says what
 * exists today and how to try it, and exits 0.
 */
console.log(`punkapi-consumer — local run

The local provider that runs a whole stack on this machine is not built yet.
What runs today:
  npm run punkapi          the Punk API stand-in (real v2 catalogue) on 127.0.0.1
  npm test                 the handler against kinesalite and the stand-in, faults included
  npm run bench:ingest     the handler against the original project's one-beer-at-a-time way`);
