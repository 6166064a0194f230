import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { REPORT_NAMES } from '@rampart/reports';
import { JSONObjectScalar } from '../common/json-object.scalar';

export const REPORT_LIST = `One of ${REPORT_NAMES.join(', ')}.`;

@ObjectType('ReportRun', {
  description: 'One generated report: when, which, with what parameters, its SHA-256.',
})
export class ReportRunModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: REPORT_LIST })
  report!: string;

  @Field({ description: 'md, html, pdf, csv or json' })
  format!: string;

  @Field()
  generatedAt!: string;

  @Field(() => JSONObjectScalar, { description: 'organizationId, asOf, ...' })
  parameters!: Record<string, unknown>;

  @Field({ description: 'SHA-256 of the bytes produced, hex.' })
  sha256!: string;

  @Field(() => Int)
  bytes!: number;

  @Field({ nullable: true, description: 'The name of the file written (reports directory, CLI --out).' })
  file?: string;

  @Field({ description: 'api, cli or schedule' })
  trigger!: string;

  @Field({ nullable: true, description: 'Where to download the file written: GET this path.' })
  downloadPath?: string;
}
