import { registerEnumType } from '@nestjs/graphql';

export enum EditableKindEnum {
  ORG_UNIT = 'ORG_UNIT',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  PERSON = 'PERSON',
  FACILITY = 'FACILITY',
  SYSTEM = 'SYSTEM',
  INFORMATION = 'INFORMATION',
  PLAIN_ASSET = 'PLAIN_ASSET',
  CONTROL = 'CONTROL',
  THREAT = 'THREAT',
  RISK = 'RISK',
}
registerEnumType(EditableKindEnum, {
  name: 'EditableKind',
  description: 'Entity kinds the API creates; each is a section of the native file.',
});
