import { Field, Float, ID, Int, InterfaceType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ASSET_KINDS, EntityKind } from '@rampart/domain';
import { EntityView } from '@rampart/output';
import { Connection } from '../common/connection.model';

export enum AssetKindEnum {
  PERSON = 'PERSON',
  FACILITY = 'FACILITY',
  SYSTEM = 'SYSTEM',
  INFORMATION = 'INFORMATION',
  ASSET = 'ASSET',
}
registerEnumType(AssetKindEnum, {
  name: 'AssetKind',
  description: `What an asset is: ${ASSET_KINDS.join(', ')} (ASSET: a plain physical or intangible asset).`,
});

/** GraphQL type name of each entity kind (the output view says which kind it is). */
export const TYPE_NAMES: Record<EntityKind | 'ORGANIZATION', string> = {
  ORGANIZATION: 'Organization',
  ORG_UNIT: 'OrgUnit',
  SERVICE_PROVIDER: 'ServiceProvider',
  PERSON: 'Person',
  FACILITY: 'Facility',
  SYSTEM: 'System',
  INFORMATION: 'Information',
  PLAIN_ASSET: 'PlainAsset',
  ASSET: 'PlainAsset',
  CONTROL: 'Control',
  THREAT: 'Threat',
  RISK: 'Risk',
  ATTACK_PATTERN: 'AttackPattern',
  MITIGATION: 'Mitigation',
};

const resolveType = (v: EntityView) => (v.restricted ? 'RestrictedEntity' : TYPE_NAMES[v.entityKind]);

@InterfaceType('Entity', {
  description: 'Every node of the organisation graph and of the threat library.',
  resolveType,
})
export class EntityModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Boolean, {
    description:
      'Above your clearance (need-to-know): only its labels show; id is a stand-in, name "restricted".',
  })
  restricted!: boolean;

  @Field(() => [String], { description: 'Graph labels, e.g. [Asset, System].' })
  labels!: string[];

  @Field(() => ID, { nullable: true, description: 'The owning organisation; null for catalogue entries.' })
  organizationId?: string;

  @Field(() => String, { nullable: true, description: 'Sensitivity of this record itself.' })
  classification?: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => [String], { nullable: true })
  tags?: string[];

  @Field(() => String, { nullable: true, description: 'The import (file name, `api`, ...) it came from.' })
  source?: string;

  @Field(() => String, { nullable: true, description: 'When an import or edit first wrote it (ISO 8601).' })
  firstSeen?: string;

  @Field(() => String, { nullable: true, description: 'When its content last changed (ISO 8601).' })
  lastUpdated?: string;
}

@ObjectType('BusinessImpact', { description: 'Harm if the asset is compromised, each 1-5.' })
export class BusinessImpactModel {
  @Field(() => Int)
  confidentiality!: number;

  @Field(() => Int)
  integrity!: number;

  @Field(() => Int)
  availability!: number;
}

@InterfaceType('Asset', {
  description: 'Anything protected: a person, facility, system, information or plain asset.',
  implements: () => [EntityModel],
  resolveType,
})
export class AssetModel extends EntityModel {
  @Field(() => AssetKindEnum)
  kind!: AssetKindEnum;

  @Field(() => BusinessImpactModel, { nullable: true })
  businessImpact?: BusinessImpactModel;

  @Field(() => Int, { description: 'Max of the three impact scores; 1 when not assessed.' })
  criticality!: number;
}

const entity = { implements: () => [EntityModel] };

@ObjectType('RestrictedEntity', {
  ...entity,
  description: 'A node above your clearance: its labels only (docs/spec/analytics.md §8).',
})
export class RestrictedEntityModel extends EntityModel {}
const asset = { implements: () => [EntityModel, AssetModel] };

@ObjectType('OrgUnit', { ...entity, description: 'A department, team or top management.' })
export class OrgUnitModel extends EntityModel {
  @Field(() => Boolean, { nullable: true })
  topManagement?: boolean;
}

@ObjectType('ServiceProvider', { ...entity, description: 'A third party, contractor or supplier.' })
export class ServiceProviderModel extends EntityModel {
  @Field(() => Boolean, { nullable: true })
  contractHasSecurityClauses?: boolean;
}

@ObjectType('Person', { ...asset, description: 'An employee or contractor: an actor and a (human) asset.' })
export class PersonModel extends AssetModel {
  @Field(() => String, { nullable: true })
  clearance?: string;

  @Field(() => String, { nullable: true, description: 'active, suspended or separated.' })
  status?: string;

  @Field(() => String, { nullable: true })
  separatedAt?: string;

  @Field(() => String, { nullable: true })
  lastVettedAt?: string;

  @Field(() => String, { nullable: true })
  employment?: string;
}

@ObjectType('Facility', { ...asset, description: 'A site, building, floor, zone or room.' })
export class FacilityModel extends AssetModel {
  @Field(() => String, { nullable: true })
  level?: string;
}

@ObjectType('System', {
  ...asset,
  description: 'An ICT or OT system, application, server, network or service.',
})
export class SystemModel extends AssetModel {
  @Field(() => String, { nullable: true, description: 'ict or ot.' })
  systemKind?: string;

  @Field(() => Boolean, { nullable: true })
  internetFacing?: boolean;

  @Field(() => String, { nullable: true })
  authorizedToOperateUntil?: string;

  @Field(() => String, { nullable: true })
  maxClassification?: string;
}

@ObjectType('Information', { ...asset, description: 'An information asset (dataset, documents, IP).' })
export class InformationModel extends AssetModel {}

@ObjectType('PlainAsset', { ...asset, description: 'A plain physical or intangible asset (cash, vehicles).' })
export class PlainAssetModel extends AssetModel {}

@ObjectType('Control', { ...entity, description: 'A security control.' })
export class ControlModel extends EntityModel {
  @Field(() => [String], { description: 'governance, personnel, information, cyber, physical.' })
  domains!: string[];

  @Field(() => [String], { nullable: true, description: 'deter, detect, delay, respond, recover.' })
  functions?: string[];

  @Field(() => Float)
  effectiveness!: number;

  @Field({ description: 'planned, implemented, degraded, failed or retired.' })
  status!: string;

  @Field(() => [String], { nullable: true, description: 'Attack vectors it applies to; null: all.' })
  vectors?: string[];

  @Field(() => String, { nullable: true })
  lastTestedAt?: string;

  @Field(() => Float, { nullable: true })
  cost?: number;

  @Field(() => Float, { nullable: true })
  detectionProbability?: number;

  @Field(() => Float, { nullable: true })
  delaySeconds?: number;

  @Field(() => Float, { nullable: true })
  delayStdDevSeconds?: number;

  @Field(() => String, { nullable: true, description: 'beginning, middle or end.' })
  detectionPoint?: string;
}

@ObjectType('Threat', { ...entity, description: 'A threat actor or scenario.' })
export class ThreatModel extends EntityModel {
  @Field({ description: 'insider, criminal, state, activist, accidental or natural.' })
  kind!: string;

  @Field(() => Int)
  capability!: number;

  @Field(() => Int)
  intent!: number;

  @Field(() => String, { nullable: true, description: 'ATT&CK group id for imported groups.' })
  externalId?: string;

  @Field(() => String, { nullable: true })
  catalogue?: string;

  @Field(() => String, { nullable: true })
  url?: string;
}

@ObjectType('Risk', { ...entity, description: 'A risk-register entry for a threat and an asset.' })
export class RiskModel extends EntityModel {
  @Field(() => Int, { nullable: true })
  likelihood?: number;

  @Field(() => Int, { nullable: true })
  consequence?: number;

  @Field(() => String, { nullable: true, description: 'accept, treat, transfer or avoid.' })
  treatment?: string;

  @Field(() => String, { nullable: true })
  reviewedAt?: string;
}

@ObjectType('AttackPattern', { ...entity, description: 'A technique (ATT&CK, CAPEC or own).' })
export class AttackPatternModel extends EntityModel {
  @Field(() => String, { nullable: true })
  externalId?: string;

  @Field(() => String, { nullable: true, description: 'attack-enterprise, attack-ics or capec.' })
  catalogue?: string;

  @Field(() => String, { nullable: true })
  url?: string;

  @Field(() => [String], { nullable: true })
  domains?: string[];

  @Field(() => [String], { nullable: true })
  tactics?: string[];

  @Field(() => [String], { nullable: true })
  platforms?: string[];

  @Field(() => Boolean, { nullable: true })
  isSubtechnique?: boolean;

  @Field(() => String, { nullable: true, description: 'CAPEC typical severity.' })
  severity?: string;

  @Field(() => String, { nullable: true, description: 'CAPEC likelihood of attack.' })
  likelihood?: string;
}

@ObjectType('Mitigation', { ...entity, description: 'A catalogue mitigation (STIX course-of-action).' })
export class MitigationModel extends EntityModel {
  @Field(() => String, { nullable: true })
  externalId?: string;

  @Field(() => String, { nullable: true })
  catalogue?: string;

  @Field(() => String, { nullable: true })
  url?: string;
}

@ObjectType()
export class EntityConnection extends Connection(EntityModel) {}
@ObjectType()
export class AssetConnection extends Connection(AssetModel) {}
@ObjectType()
export class OrgUnitConnection extends Connection(OrgUnitModel) {}
@ObjectType()
export class ServiceProviderConnection extends Connection(ServiceProviderModel) {}
@ObjectType()
export class PersonConnection extends Connection(PersonModel) {}
@ObjectType()
export class FacilityConnection extends Connection(FacilityModel) {}
@ObjectType()
export class SystemConnection extends Connection(SystemModel) {}
@ObjectType()
export class InformationConnection extends Connection(InformationModel) {}
@ObjectType()
export class PlainAssetConnection extends Connection(PlainAssetModel) {}
@ObjectType()
export class ControlConnection extends Connection(ControlModel) {}
@ObjectType()
export class ThreatConnection extends Connection(ThreatModel) {}
@ObjectType()
export class RiskConnection extends Connection(RiskModel) {}
@ObjectType()
export class AttackPatternConnection extends Connection(AttackPatternModel) {}
@ObjectType()
export class MitigationConnection extends Connection(MitigationModel) {}
