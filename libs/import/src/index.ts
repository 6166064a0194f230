export * from './native-to-rows';
export * from './demo-loader';
