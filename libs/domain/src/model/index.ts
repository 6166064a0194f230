export * from './native-document.schema';
export * from './native-sections';
export * from './vocabulary';
