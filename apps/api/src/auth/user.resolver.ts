import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { User } from '@rampart/domain';
import { currentScope } from '@rampart/access';
import { CurrentUser, RequirePermission } from './permission.decorator';
import { UserAdminService } from '@rampart/access';
import { CreateUserInput, UpdateUserInput, UserModel } from './user.model';

/** Accounts over GraphQL: one's own (me) for everyone, the rest for user:admin (admin). */
@Resolver(() => UserModel)
export class UserResolver {
  constructor(private readonly admin: UserAdminService) {}

  @RequirePermission('self:read')
  @Query(() => UserModel, { description: 'The signed-in account.' })
  me(@CurrentUser() user: User) {
    return user;
  }

  @RequirePermission('user:admin')
  @Query(() => [UserModel], { description: 'Every account, by username.' })
  users() {
    return this.admin.list(currentScope());
  }

  @RequirePermission('user:admin')
  @Mutation(() => UserModel, { description: 'Creates an account.' })
  createUser(@Args('input') input: CreateUserInput) {
    return this.admin.create(input, new Date(), currentScope());
  }

  @RequirePermission('user:admin')
  @Mutation(() => UserModel, {
    description: 'Changes an account; a new password or disabling ends all its sessions.',
  })
  updateUser(@Args('input') { username, ...change }: UpdateUserInput) {
    return this.admin.update(username, change, new Date(), currentScope());
  }

  @RequirePermission('user:admin')
  @Mutation(() => UserModel, { description: 'Disables an account and ends all its sessions.' })
  disableUser(@Args('username') username: string) {
    return this.admin.disable(username, new Date(), currentScope());
  }
}
