export * from './password';
export * from './access-token';
export * from './refresh-token';
export * from './policy';
export * from './clearance';
export * from './audit-chain';
