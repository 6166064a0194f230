import { Neo4jConnection } from '@rampart/config';

export type Neo4jSource = 'env' | 'docker' | 'local' | 'local-reused';

/** A Neo4j that answers, and how to let go of it (stop it if we started it). */
export interface ResolvedNeo4j {
  connection: Neo4jConnection;
  source: Neo4jSource;
  /** Human description for logs: "local launcher on bolt://127.0.0.1:7687 (data in .data/neo4j)". */
  description: string;
  /** How it was found, for the CLI's "using Neo4j at <uri> (<via>)" line: "NEO4J_URI", ... */
  via: string;
  stop(): Promise<void>;
}

export type Log = (message: string) => void;

/** A failure of the launcher set-up: one actionable line, never a stack trace. */
export class LauncherError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LauncherError';
  }
}
