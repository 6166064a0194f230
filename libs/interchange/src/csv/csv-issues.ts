import { ImportIssue } from '../native/import-issue';
import { CSV_FILE_NAMES, ORGANIZATION_FILE } from './csv-layout';

/** Issues in reading order: the set's own first, then by file (in set order) and line. */
export function sortCsvIssues(setName: string, issues: readonly ImportIssue[]): ImportIssue[] {
  const order = (i: ImportIssue) => (i.file === setName ? -1 : CSV_FILE_NAMES.indexOf(i.file.toLowerCase()));
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => order(a.issue) - order(b.issue) || (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.n - b.n)
    .map((x) => x.issue);
}

/**
 * A native validation message in the words of a CSV set: files and organisation sections become
 * the set and its organisation file; "already defined at <path>" names the file and line that
 * `locate` finds for the path.
 */
export function inCsvTerms(
  message: string,
  locate: (path: string) => { file: string; line: number } | undefined,
): string {
  return message
    .replace('in this file or in the graph', 'in this CSV set or in the graph')
    .replace(/already defined at (\S+)$/, (all, path: string) => {
      const at = locate(path);
      return at ? `already defined at ${at.file}:${at.line}` : all;
    })
    .replace('add an organization section to this file', `add ${ORGANIZATION_FILE} to the set`)
    .replace('the file has no organization section', `the set has no ${ORGANIZATION_FILE}`)
    .replace('the file belongs to organisation', 'the set belongs to organisation')
    .replace('import its file (with an organization section) first', 'import it first')
    .replace(
      'belongs with an organization section',
      `belongs with an organisation id in ${ORGANIZATION_FILE}`,
    );
}
