import { DomainError } from '@rampart/domain';

/**
 * Refuses a write that reached ids held elsewhere: an unfinished staged import's (its entities
 * carry `stage` until the switch) or, for the stage itself, ids another write created meanwhile.
 * The transaction rolls back, so a stage and what readers see never share a relationship.
 */
export function refuseHeld(held: unknown): void {
  const ids = (held as string[] | undefined) ?? [];
  if (ids.length)
    throw new DomainError(
      'CONFLICT',
      `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}: another import in progress or another write holds ${ids.length === 1 ? 'this id' : 'these ids'}; nothing was written. Try again when it has finished.`,
    );
}
