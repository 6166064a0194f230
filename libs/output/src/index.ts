export * from './output-mapper';
