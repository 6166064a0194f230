import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { EntityKind, OrganizationScope, User } from '@rampart/domain';
import { EntityEditor } from '@rampart/interchange';
import { OutputMapper } from '@rampart/output';
import { ClearanceCheckedInput } from '../auth/redaction.interceptor';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';
import { JSONObjectScalar } from '../common/json-object.scalar';
import { createTargets, deleteTargets, relationshipTargets, updateTargets } from './edit-targets';
import { EditableKindEnum } from './editable-kind.model';
import { EntityModel } from './entity.model';
import { DeleteEntityResultModel, RelationshipEditModel, RelationshipInput } from './relationship.model';

type Json = Record<string, unknown>;

/**
 * Need-to-know for edits: the signed-in user's clearance (none without a user: fail closed) and
 * organisations (issue 18: others are absent for a limited account).
 */
const clearanceOf = (user: User | undefined) => ({
  clearance: user?.clearance ?? null,
  organizations: OrganizationScope.of(user ? user.organizationIds : []),
});

/**
 * Edits go through the import pipeline (EntityEditor): inputs use the native file's keys and get
 * its validation; a refused edit answers BAD_USER_INPUT with every issue and changes nothing.
 */
@Resolver()
export class EntityMutationResolver {
  constructor(
    private readonly editor: EntityEditor,
    private readonly out: OutputMapper,
  ) {}

  @RequirePermission('graph:write', createTargets)
  @ClearanceCheckedInput()
  @Mutation(() => EntityModel, {
    description: 'Creates an entity from an item written as in the native file (e.g. a people[] entry).',
  })
  async createEntity(
    @Args('kind', { type: () => EditableKindEnum }) kind: EditableKindEnum,
    @Args('input', { type: () => JSONObjectScalar }) input: Json,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('source', { type: () => String, nullable: true, description: 'Default `api`.' }) source?: string,
    @CurrentUser() user?: User,
  ) {
    const { entity } = await this.editor.create(kind as EntityKind, input, {
      organizationId,
      source,
      ...clearanceOf(user),
    });
    return this.out.entity(entity);
  }

  @RequirePermission('graph:write', updateTargets)
  @ClearanceCheckedInput()
  @Mutation(() => EntityModel, {
    description:
      'Sets keys of an entity (native file keys; references replace the old ones) and removes `unset` keys.',
  })
  async updateEntity(
    @Args('id', { type: () => ID }) id: string,
    @Args('set', { type: () => JSONObjectScalar, nullable: true }) set?: Json,
    @Args('unset', { type: () => [String], nullable: true }) unset?: string[],
    @CurrentUser() user?: User,
  ) {
    const { entity } = await this.editor.update(id, set ?? {}, unset ?? [], clearanceOf(user));
    return this.out.entity(entity);
  }

  @RequirePermission('graph:write', deleteTargets)
  @Mutation(() => DeleteEntityResultModel, {
    description: 'Deletes an entity and its relationships; refused while a risk refers to it.',
  })
  async deleteEntity(@Args('id', { type: () => ID }) id: string, @CurrentUser() user?: User) {
    const { relationships } = await this.editor.delete(id, clearanceOf(user));
    return { id, relationshipsRemoved: relationships };
  }

  @RequirePermission('graph:write', relationshipTargets)
  @Mutation(() => RelationshipEditModel, { description: 'Adds a relationship (a no-op when it exists).' })
  addRelationship(@Args('input') input: RelationshipInput, @CurrentUser() user?: User) {
    return this.edited(input, this.editor.link(input, clearanceOf(user)));
  }

  @RequirePermission('graph:write', relationshipTargets)
  @Mutation(() => RelationshipEditModel, { description: 'Removes a relationship.' })
  removeRelationship(@Args('input') input: RelationshipInput, @CurrentUser() user?: User) {
    return this.edited(input, this.editor.unlink(input, clearanceOf(user)));
  }

  private async edited(input: RelationshipInput, edit: Promise<unknown>) {
    await edit;
    const ends = await this.editor.ends(input.from, input.to);
    return { type: input.type, from: this.out.entity(ends.from), to: this.out.entity(ends.to) };
  }
}
