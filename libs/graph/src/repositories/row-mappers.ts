import { organizationFromProps } from '@rampart/domain';

// Rows arrive as plain maps (see neo4j-value.mapper); these give them their domain shape.

/** Stored organisation properties to the domain shape (shared with the output mapper). */
export const toOrganization = organizationFromProps;
