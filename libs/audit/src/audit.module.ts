import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit trail: appending and reading hash-chained records (needs GraphModule). */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
