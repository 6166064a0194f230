export * from './output-mapper';
export * from './entity-view';
export * from './analytics-view';
export * from './redactor';
export * from './output.module';
