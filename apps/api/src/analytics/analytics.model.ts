import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RestrictedField } from '../common/restricted-field';
import { ResponseForceModel } from '../organization/organization.model';

export enum ReachModeEnum {
  STRUCTURAL = 'STRUCTURAL',
  PROBABLE = 'PROBABLE',
}
registerEnumType(ReachModeEnum, {
  name: 'ReachMode',
  description:
    'STRUCTURAL: controls ignored (what could be reached at all); PROBABLE: weighted by the most likely path.',
});

export enum FailureUnitKindEnum {
  CONTROL = 'CONTROL',
  DEPENDENCY = 'DEPENDENCY',
}
registerEnumType(FailureUnitKindEnum, { name: 'FailureUnitKind' });

@ObjectType('AnalyticsNode', { description: 'A node in an analytics result.' })
export class AnalyticsNodeModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The most specific label (Person, Facility, System, Information, ...).' })
  label!: string;

  @Field(() => [String])
  labels!: string[];

  @RestrictedField()
  restricted!: boolean;

  @Field(() => Int, { nullable: true })
  criticality?: number;

  @Field(() => String, { nullable: true })
  classification?: string;
}

@ObjectType('StepControl', { description: 'A control passed on a step, counted once per path.' })
export class StepControlModel {
  @RestrictedField()
  restricted?: boolean;

  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Float, { description: 'As counted: degraded controls at half, capped at 0.999.' })
  effectiveness!: number;

  @Field(() => String, { nullable: true })
  status?: string;

  @Field(() => [String])
  domains!: string[];
}

@ObjectType('AttackStep')
export class AttackStepModel {
  @Field(() => ID, {
    nullable: true,
    description: 'Null on the first step: the threat entering its entry point.',
  })
  from?: string | null;

  @Field(() => ID)
  to!: string;

  @Field({ description: 'access, physical, logical, network, dependency or supply-chain.' })
  vector!: string;

  @Field(() => [StepControlModel])
  controls!: StepControlModel[];
}

@ObjectType('AttackPath')
export class AttackPathModel {
  @Field(() => Float, { description: 'Product of (1 - effectiveness) over the distinct controls.' })
  probability!: number;

  @Field(() => Int, { description: 'Steps after the entry point.' })
  hops!: number;

  @Field(() => [AnalyticsNodeModel], { description: 'Entry point first, target last.' })
  nodes!: AnalyticsNodeModel[];

  @Field(() => [AttackStepModel])
  steps!: AttackStepModel[];
}

@ObjectType('AttackPaths')
export class AttackPathsModel {
  @Field(() => [AttackPathModel], { description: 'Most likely first.' })
  paths!: AttackPathModel[];

  @Field({ description: 'The search bound was reached: less likely paths may be missing.' })
  truncated!: boolean;

  @Field(() => [FailureUnitModel], { description: 'What was asked to fail (`failed`), by name.' })
  failed!: FailureUnitModel[];

  @Field(() => [ID], {
    description: 'The controls taken as failed for a what-if (failed and their dependants).',
  })
  failedControls!: string[];
}

@ObjectType('FailureUnit')
export class FailureUnitModel {
  @RestrictedField()
  restricted?: boolean;

  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => FailureUnitKindEnum)
  kind!: FailureUnitKindEnum;

  @Field(() => [String], {
    description: "A control's domains; a dependency: the domains of all it takes out.",
  })
  domains!: string[];
}

@ObjectType('CutSet')
export class CutSetModel {
  @Field(() => Int)
  order!: number;

  @Field(() => Float, { description: 'Product of (1 - effectiveness) over the controls it takes out.' })
  probability!: number;

  @Field({ description: 'A unit is a dependency behind controls of two or more domains.' })
  commonMode!: boolean;

  @Field(() => [FailureUnitModel])
  units!: FailureUnitModel[];

  @Field(() => [ID], { description: 'Controls on the paths that failing the set takes out.' })
  controls!: string[];
}

@ObjectType('SecurityDepth')
export class SecurityDepthModel {
  @Field({ description: 'The threat reaches the asset at all (controls ignored, within maxHops).' })
  reachable!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Fewest distinct controls on any path; null when unreachable.',
  })
  depth?: number | null;

  @Field({ description: 'Depth 0: a path with no control.' })
  exposed!: boolean;

  @Field(() => AttackPathModel, { nullable: true, description: 'A path with the fewest controls.' })
  weakestPath?: AttackPathModel;

  @Field(() => [CutSetModel], { description: 'Minimal cut sets up to maxOrder, by order then probability.' })
  cutSets!: CutSetModel[];

  @Field(() => [FailureUnitModel], { description: 'Order-1 cut sets.' })
  singlePointsOfFailure!: FailureUnitModel[];

  @Field(() => [AnalyticsNodeModel], { description: 'A minimum vertex cut, controls ignored.' })
  chokePoints!: AnalyticsNodeModel[];

  @Field()
  truncated!: boolean;
}

@ObjectType('ReachedNode')
export class ReachedNodeModel extends AnalyticsNodeModel {
  @Field(() => Int)
  hops!: number;

  @Field(() => Float)
  probability!: number;

  @Field(() => [ID], { description: 'The path found (blast radius: from a start; exposure: to the asset).' })
  path!: string[];

  @Field(() => [String], { description: 'Domains of the controls crossed on that path.' })
  domains!: string[];
}

@ObjectType('Count')
export class CountModel {
  @Field()
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ThreatReach')
export class ThreatReachModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => ID)
  entryPoint!: string;

  @Field(() => Float)
  probability!: number;

  @Field(() => Int)
  hops!: number;
}

@ObjectType('Reach', { description: 'Blast radius (forward) or exposure (reverse).' })
export class ReachModel {
  @Field(() => Float, { description: 'Sum over reached assets of criticality x probability.' })
  impactScore!: number;

  @Field(() => [ReachedNodeModel])
  nodes!: ReachedNodeModel[];

  @Field(() => [CountModel])
  byLabel!: CountModel[];

  @Field(() => [CountModel])
  byClassification!: CountModel[];

  @Field(() => [CountModel], { description: 'Reached nodes by the domains of the controls crossed.' })
  byDomain!: CountModel[];

  @Field(() => [ReachedNodeModel], { description: 'Up to 10, by criticality x probability.' })
  topAssets!: ReachedNodeModel[];

  @Field(() => [ThreatReachModel], {
    nullable: true,
    description: 'Exposure only: threats whose entry points reach the asset.',
  })
  threats?: ThreatReachModel[];
}

@ObjectType('EasiStep', { description: 'A step of a path with its EASI elements.' })
export class EasiStepModel {
  @Field(() => ID)
  node!: string;

  @Field()
  vector!: string;

  @Field(() => Float)
  detectionProbability!: number;

  @Field(() => Float)
  delaySeconds!: number;

  @Field(() => Float)
  varianceSeconds2!: number;

  @Field({ description: 'beginning, middle or end (of the most likely detecting control).' })
  detectionPoint!: string;

  @Field(() => [ID])
  controls!: string[];

  @Field(() => Float, { description: 'T_rem: delay ahead when detection happens here.' })
  remainingSeconds!: number;

  @Field(() => Float)
  remainingVariance!: number;

  @Field(() => Float, { description: 'Probability the response force arrives in time after detection here.' })
  inTime!: number;
}

@ObjectType('EasiPath')
export class EasiPathModel {
  @Field(() => Float, { description: 'P_I: probability of interruption.' })
  probability!: number;

  @Field(() => AttackPathModel)
  path!: AttackPathModel;

  @Field(() => AnalyticsNodeModel, { nullable: true })
  criticalDetectionPoint?: AnalyticsNodeModel | null;

  @Field(() => [EasiStepModel])
  steps!: EasiStepModel[];
}

@ObjectType('Interruption', { description: 'EASI (Estimate of Adversary Sequence Interruption).' })
export class InterruptionModel {
  @Field()
  assessed!: boolean;

  @Field(() => String, { nullable: true, description: 'Why not assessed.' })
  reason?: string;

  @Field(() => ResponseForceModel, {
    nullable: true,
    description: "The asset's organisation's response force.",
  })
  responseForce?: ResponseForceModel;

  @Field(() => [EasiPathModel], { description: 'Every path scored, lowest P_I first.' })
  paths!: EasiPathModel[];

  @Field(() => EasiPathModel, { nullable: true })
  mostVulnerablePath?: EasiPathModel;

  @Field(() => AnalyticsNodeModel, { nullable: true, description: 'Of the most vulnerable path.' })
  criticalDetectionPoint?: AnalyticsNodeModel | null;

  @Field()
  truncated!: boolean;
}
