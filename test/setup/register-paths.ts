// Jest's moduleNameMapper does not apply to global setup: resolve @rampart/* from tsconfig here.
import * as path from 'node:path';
import { register } from 'tsconfig-paths';
import tsconfig from '../../tsconfig.json';

register({ baseUrl: path.resolve(__dirname, '../..'), paths: tsconfig.compilerOptions.paths });
