/** What the validator needs to know of the graph: fetched once per file by the import service. */
export interface GraphEntityInfo {
  id: string;
  labels: string[];
  organizationId?: string;
  /** For facilities: the facility it is located in (to find locatedIn cycles through the graph). */
  locatedIn?: string[];
}

export interface GraphOrganizationInfo {
  id: string;
  classificationLevels?: string[];
}

export interface ImportContext {
  organizations: GraphOrganizationInfo[];
  /** Every id the file defines or references that already exists in the graph. */
  entities: Map<string, GraphEntityInfo>;
  /** The organisation named by the caller (`organizationId` / `--org`) for a file without one. */
  organizationId?: string;
}
