export * from './output-mapper';
export * from './entity-view';
