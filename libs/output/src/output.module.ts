import { Global, Module } from '@nestjs/common';
import { OutputMapper } from './output-mapper';

/** The one mapping layer, shared by every service and transport. */
@Global()
@Module({ providers: [OutputMapper], exports: [OutputMapper] })
export class OutputModule {}
