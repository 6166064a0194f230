export const TEST_STATE_KEY = '__RAMPART_TEST_NEO4J__';

export interface TestNeo4jState {
  stop(): Promise<void>;
  dataDir?: string;
}
