import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ROLES } from '@rampart/domain';

const ROLE_LIST = `Roles, each one of ${ROLES.join(', ')}.`;

@ObjectType('User', { description: 'A sign-in account (never its password or hash).' })
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field(() => [String], { description: ROLE_LIST })
  roles!: string[];

  @Field({ description: 'Classification level: records above it are redacted for this user.' })
  clearance!: string;

  @Field(() => ID, { nullable: true, description: 'The Person this account acts for (asset-owner).' })
  personId!: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'The organisations this account may see; every other one is absent for it. null: every organisation.',
  })
  organizationIds!: string[] | null;

  @Field()
  disabled!: boolean;

  @Field()
  createdAt!: string;

  @Field()
  updatedAt!: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field({ description: '2-64 characters: lower-case letters, digits and . _ @ -' })
  username!: string;

  @Field({ description: 'At least 12 characters; not the username.' })
  password!: string;

  @Field(() => [String], { description: ROLE_LIST })
  roles!: string[];

  @Field()
  clearance!: string;

  @Field(() => ID, { nullable: true, description: 'Required with the asset-owner role.' })
  personId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Limit the account to these organisations (at least one); absent or null: every organisation.',
  })
  organizationIds?: string[] | null;
}

@InputType('UpdateUserInput', { description: 'What to change; absent fields stay as they are.' })
export class UpdateUserInput {
  @Field()
  username!: string;

  @Field({ nullable: true, description: 'A new password ends every session of the account.' })
  password?: string;

  @Field(() => [String], { nullable: true, description: ROLE_LIST })
  roles?: string[];

  @Field({ nullable: true })
  clearance?: string;

  @Field(() => ID, { nullable: true, description: 'null unlinks the Person.' })
  personId?: string | null;

  @Field({ nullable: true, description: 'false enables a disabled account again.' })
  disabled?: boolean;

  @Field(() => [ID], {
    nullable: true,
    description: 'Limit the account to these organisations (at least one); null removes the limit.',
  })
  organizationIds?: string[] | null;
}
