import { NativeDocument, nativeDocumentSchema } from '@rampart/domain';
import { ImportContext } from './import-context';
import { ImportIssue } from './import-issue';
import { ParsedFile } from './parse-file';
import { referenceIssues } from './reference-checks';
import { schemaIssues } from './schema-issues';

export interface ValidationResult {
  issues: ImportIssue[];
  /** Set only when there are no issues. */
  document?: NativeDocument;
  organizationId?: string;
}

/** docs/spec/analytics.md §2 "Several organisations": which organisation a file's entities belong to. */
export function resolveOrganization(
  parsed: ParsedFile,
  ctx: ImportContext,
): { organizationId?: string; issue?: ImportIssue } {
  const data = parsed.data as Record<string, unknown> | undefined;
  const org = data?.organization as { id?: unknown } | undefined;
  const issue = (message: string, path = ''): { issue: ImportIssue } => ({
    issue: { file: parsed.file, path, ...(path ? parsed.locate([path]) : {}), message },
  });
  if (org && typeof org.id === 'string') {
    if (ctx.limitedTo && !ctx.limitedTo.includes(org.id)) {
      return issue(
        `your account may import only into its organisations (${ctx.limitedTo.join(', ')}), not "${org.id}"`,
        'organization',
      );
    }
    if (ctx.organizationId && ctx.organizationId !== org.id) {
      return issue(
        `the file belongs to organisation "${org.id}" but the import names "${ctx.organizationId}"`,
        'organization',
      );
    }
    return { organizationId: org.id };
  }
  if (data?.classificationLevels !== undefined) {
    return issue('classificationLevels belongs with an organization section', 'classificationLevels');
  }
  if (ctx.organizationId) {
    return ctx.organizations.some((o) => o.id === ctx.organizationId)
      ? { organizationId: ctx.organizationId }
      : issue(
          `organisation "${ctx.organizationId}" does not exist; import its file (with an organization section) first`,
        );
  }
  if (ctx.organizations.length === 1) return { organizationId: ctx.organizations[0].id };
  if (ctx.organizations.length === 0)
    return issue('the graph has no organisation yet: add an organization section to this file');
  return issue(
    `the graph holds ${ctx.organizations.length} organisations (${ctx.organizations.map((o) => o.id).join(', ')}) and the file has no organization section: name one (organizationId, --org)`,
  );
}

/** Every problem of the file at once: syntax, schema, organisation, references, levels, cycles. */
export function validateDocument(parsed: ParsedFile, ctx: ImportContext): ValidationResult {
  if (parsed.issues.length) return { issues: parsed.issues };
  const org = resolveOrganization(parsed, ctx);
  const issues = [
    ...schemaIssues(parsed),
    ...(org.issue ? [org.issue] : []),
    ...referenceIssues(parsed, ctx, org.organizationId),
  ];
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (issues.length) return { issues };
  return { issues, document: nativeDocumentSchema.parse(parsed.data), organizationId: org.organizationId };
}
