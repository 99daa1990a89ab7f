// dynalite ships no type declarations; this covers what the local stack uses.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  /** Options of a dynalite server (see its readme). */
  interface DynaliteOptions {
    /** Milliseconds a table stays CREATING; 0 makes it ACTIVE at once. */
    readonly createTableMs?: number;
    /** Milliseconds a table stays DELETING. */
    readonly deleteTableMs?: number;
    /** Milliseconds a table stays UPDATING. */
    readonly updateTableMs?: number;
    /** A LevelDB directory; unset keeps everything in memory. */
    readonly path?: string;
  }

  /** Creates an HTTP server speaking the DynamoDB API (not listening yet). */
  export default function dynalite(options?: DynaliteOptions): Server;
}
