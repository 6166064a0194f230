/** Accounts of the product itself (issue 8, docs/spec/analytics.md §8): who may sign in, with which roles and clearance. */

/** The roles of docs/spec/analytics.md §8, exactly; what each may do lives in one place: libs/auth policy.ts. */
export const ROLES = ['rse', 'analyst', 'asset-owner', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Length over composition rules (NIST SP 800-63B): long passphrases beat forced symbols. */
export const PASSWORD_MIN_LENGTH = 12;

/** What a username looks like: 2-64 of lower-case letters, digits and . _ @ -, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** A user as the rest of the product sees it: the password hash never travels with it. */
export interface User {
  id: string;
  username: string;
  roles: Role[];
  /** A classification level of the organisation (e.g. OFFICIAL): records above it are redacted. */
  clearance: string;
  /** The Person in the organisation graph this account acts for (required for asset-owner edits). */
  personId: string | null;
  /**
   * The organisations this account may see (issue 18): every other one is absent for it, everywhere.
   * null: no limit, every organisation.
   */
  organizationIds: string[] | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The stored form, read only by the sign-in path. */
export interface StoredUser extends User {
  /** argon2id PHC string; empty for an account that signs in through OpenID Connect. */
  passwordHash: string;
  /** 'oidc': signs in only through the OpenID Connect provider, never with a password. Absent: local. */
  source?: 'oidc';
  /** For an 'oidc' account, the identity it is linked to: `<issuer> <sub>`. */
  externalId?: string;
}
