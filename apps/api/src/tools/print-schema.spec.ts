import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { printGraphqlSchema } from './print-schema';

const root = path.join(__dirname, '../../../..');
const webApi = path.join(root, 'apps/web/src/api');

// The web client's types are generated from committed files: these tests fail when the API's
// schema or the operations moved on without `npm run web:schema`.
describe('the typed web client', () => {
  it('was generated from the schema the API serves', async () => {
    const committed = fs.readFileSync(path.join(webApi, 'schema.graphql'), 'utf8');
    expect(committed.trim()).toBe((await printGraphqlSchema()).trim());
  });

  it('has generated.ts as codegen writes it from operations.graphql', () => {
    // The codegen CLI is ESM (jest cannot load it): run it on a copy of the config writing elsewhere.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-codegen-'));
    try {
      const out = path.join(tmp, 'generated.ts');
      const config = fs
        .readFileSync(path.join(root, 'apps/web/codegen.yml'), 'utf8')
        .replace('apps/web/src/api/generated.ts:', `${JSON.stringify(out)}:`);
      fs.writeFileSync(path.join(tmp, 'codegen.yml'), config);
      const run = spawnSync(
        path.join(root, 'node_modules/.bin/graphql-codegen'),
        ['--config', path.join(tmp, 'codegen.yml'), '--silent'],
        { cwd: root, encoding: 'utf8' },
      );
      expect(run.status).toBe(0);
      expect(fs.readFileSync(path.join(webApi, 'generated.ts'), 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
