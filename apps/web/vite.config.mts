import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = 'http://127.0.0.1:3000';

// The API serves the built files at / (RAMPART_WEB_DIR, default dist/web); `npm run web:dev`
// serves them with reload and sends API calls to a running `npm start`.
export default defineConfig({
  root: here,
  base: '/',
  resolve: { alias: { '@rampart/domain': path.join(here, '../../libs/domain/src') } },
  build: { outDir: path.join(here, '../../dist/web'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/graphql': api, '/api': api, '/health': api } },
});
