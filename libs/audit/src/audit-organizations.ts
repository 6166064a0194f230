type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The entity ids an operation's arguments name (an edit's id, a relationship's ends). */
export function entityIdsIn(args: Json): string[] {
  const input = (args.input ?? {}) as Json;
  return [args.id, input.from, input.to].map(str).filter((v): v is string => v !== undefined);
}

/**
 * The organisations an audited operation concerned (issue 18), for the record: those it names
 * (organizationId in its arguments or query, the organisation of an import report or a deletion),
 * those of the entities it edits, and for an account limited to some organisations those (all it
 * could have touched). Undefined when none is known: such a record is for readers without a limit.
 */
export function organizationsOf(opts: {
  args: Json;
  result: unknown;
  entityOrganizations: readonly (string | undefined)[];
  actorOrganizations: readonly string[] | null | undefined;
}): string[] | undefined {
  const result = (opts.result ?? {}) as Json;
  const named = [str(opts.args.organizationId), str(result.organizationId), ...opts.entityOrganizations];
  const found = new Set(named.filter((v): v is string => v !== undefined));
  if (!found.size && opts.actorOrganizations) for (const o of opts.actorOrganizations) found.add(o);
  return found.size ? [...found].sort() : undefined;
}
