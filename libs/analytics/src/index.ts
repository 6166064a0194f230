export * from './attack-graph';
export * from './blast-radius';
export * from './choke-points';
export * from './cut-sets';
export * from './path-search';
export * from './region';
export * from './finding-settings';
export * from './coverage';
