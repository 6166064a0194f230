/** What coverage (docs/spec/analytics.md §5) is computed from, for one asset. */
export interface CoverageData {
  id: string;
  name: string;
  labels: string[];
  organizationId?: string;
  classification?: string;
  criticality: number;
  owned: boolean;
  containers: { id: string; labels: string[] }[];
  /**
   * Controls protecting the asset (`on` = its id) or a container (`on` = the container), with
   * the name of what they are on (`onName`) so a reader never sees a bare id.
   */
  controls: {
    id: string;
    name: string;
    domains: string[];
    functions: string[];
    status: string;
    effectiveness: number;
    lastTestedAt?: string;
    on: string;
    onName: string;
  }[];
  /**
   * People with access to the asset or a container: how many, how many a personnel control in
   * force protects, and those controls (each with one person it protects).
   */
  access: {
    people: number;
    protectedPeople: number;
    controls: { id: string; name: string; on: string; onName: string }[];
  };
  /** reviewedAt of the risks on the asset. */
  reviews: string[];
}
