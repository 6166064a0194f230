export * from './domain-error';
export * from './entities';
export * from './labels';
export * from './pagination';
export * from './entity-kinds';
export * from './attack-graph-data';
export * from './graph-rows';
export * from './model';
