export * from './demo-loader';
export * from './native/document-to-rows';
export * from './native/import-issue';
export * from './native/native-importer';
export * from './native/parse-file';
export * from './native/validate-document';
