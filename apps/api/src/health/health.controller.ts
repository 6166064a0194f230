import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { Response } from 'express';
import { GraphHealthRepository } from '@rampart/graph';
import { Public } from '../auth/permission.decorator';

@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: GraphHealthRepository) {}

  /** Liveness: the process answers; says nothing about Neo4j. */
  @Get()
  @HttpCode(HttpStatus.OK)
  live() {
    return { status: 'ok' };
  }

  /** Readiness: Neo4j answers and the schema of this build is applied; 503 otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const r = await this.health.readiness();
    res.status(r.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: r.ready ? 'ready' : 'not ready',
      database: r.database,
      schema: r.schema,
      error: r.error,
    };
  }
}
