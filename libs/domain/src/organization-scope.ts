/**
 * The organisations one account may see (issue 18). An account limited to some organisations sees
 * nothing of the others, anywhere: they are absent, as if the graph did not hold them. The shared
 * threat library (entries of no organisation) is visible to everyone.
 */
export class OrganizationScope {
  /** No limit: every organisation (accounts without a limit, the CLI, internal work). */
  static readonly ALL = new OrganizationScope(null);

  private constructor(private readonly allowed: ReadonlySet<string> | null) {}

  /** The scope of an account's `organizationIds` (null or undefined: no limit). */
  static of(organizationIds: readonly string[] | null | undefined): OrganizationScope {
    return organizationIds ? new OrganizationScope(new Set(organizationIds)) : OrganizationScope.ALL;
  }

  get limited(): boolean {
    return this.allowed !== null;
  }

  /** Whether an entity of this organisation is in view (no organisation: the shared library, always). */
  includes(organizationId: string | null | undefined): boolean {
    return (
      !this.allowed ||
      organizationId === null ||
      organizationId === undefined ||
      this.allowed.has(organizationId)
    );
  }

  /** Whether this organisation itself is in view (an organisation id, never the library). */
  sees(organizationId: string): boolean {
    return !this.allowed || this.allowed.has(organizationId);
  }

  /** For queries: null (every organisation) or the allowed ids in order. */
  ids(): string[] | null {
    return this.allowed ? [...this.allowed].sort() : null;
  }

  /** A cache key: the same for equal scopes. */
  get key(): string {
    return this.allowed ? [...this.allowed].sort().join('\u0000') : '*';
  }
}
