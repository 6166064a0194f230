/** What the validator needs to know of the graph: fetched once per file by the import service. */
export interface GraphEntityInfo {
  id: string;
  labels: string[];
  organizationId?: string;
  /** As stored (need-to-know: an import may not change an entity above the user's clearance). */
  classification?: string;
  /** For facilities: the facility it is located in (to find locatedIn cycles through the graph). */
  locatedIn?: string[];
}

export interface GraphOrganizationInfo {
  id: string;
  classificationLevels?: string[];
}

export interface ImportContext {
  organizations: GraphOrganizationInfo[];
  /** Every id the file defines or references that already exists in the graph (and that it may see). */
  entities: Map<string, GraphEntityInfo>;
  /**
   * Need-to-know (import with a clearance): the existing entries above it, left out of `entities`
   * so that references to them fail as to ids that do not exist; kept for the clearance check.
   */
  hidden?: Map<string, GraphEntityInfo>;
  /** The organisation named by the caller (`organizationId` / `--org`) for a file without one. */
  organizationId?: string;
  /** Ids of entries of organisations out of the importing account's view: a file may not define them. */
  taken?: ReadonlySet<string>;
  /** The importing account's organisations, when it is limited to some (issue 18). */
  limitedTo?: readonly string[];
}
