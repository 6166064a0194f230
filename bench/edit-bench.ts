/**
 * What an edit costs at scale (issue 21): a control's name changed over the API, end to end with
 * its audit record, then the first analytics call after it (the attack graph patches itself),
 * and the first whole-organisation answers after an edit.
 */

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Report = (name: string, times: number[], note?: string) => void;
type Timed = (f: () => Promise<unknown>) => Promise<number>;

const EDIT = 'mutation($id: ID!, $set: JSONObject) { updateEntity(id: $id, set: $set) { id } }';
const PATHS =
  'query($t: ID!, $a: ID!) { attackPaths(threatId: $t, assetId: $a, k: 5) { paths { probability } } }';

export async function measureEdits(
  gql: Gql,
  timed: Timed,
  report: Report,
  pairs: { t: string; a: string }[],
  runs: number,
  /** The same API as an analyst limited to the organisation (a scoped graph). */
  limitedGql?: Gql,
): Promise<void> {
  const control = (await gql('{ controls(first: 1) { edges { node { id name effectiveness } } } }')).controls
    .edges[0].node;
  const rename = (i: number) => gql(EDIT, { id: control.id, set: { name: `${control.name} (${i % 2})` } });
  const edits: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < runs; i++) {
    edits.push(await timed(() => rename(i)));
    after.push(await timed(() => gql(PATHS, pairs[i % pairs.length])));
  }
  report('edit: updateEntity of a control, audit record included', edits);
  report('first attackPaths after an edit (graph patched)', after);
  if (limitedGql) {
    // The limited account's first call scopes the graph; after each edit its scoped graph is patched.
    const first = await timed(() => limitedGql(PATHS, pairs[0]));
    const scoped: number[] = [];
    for (let i = 0; i < Math.min(runs, 10); i++) {
      await rename(i);
      scoped.push(await timed(() => limitedGql(PATHS, pairs[i % pairs.length])));
    }
    report('first attackPaths of an account limited to the organisation (graph scoped)', [first]);
    report('the same after an edit (its scoped graph patched)', scoped);
  }
  // Whole-organisation answers an analyst had before editing, then asks again after one edit.
  const posture = () => timed(() => gql('{ posture { criticalAssets uncoveredCriticalAssets } }'));
  const links = () => timed(() => gql('{ weakestLinks(limit: 20) { riskIncrease } }'));
  const before = [await posture(), await links()];
  await rename(runs);
  const afterPosture = await posture();
  await rename(runs + 1);
  const afterLinks = await links();
  // A structural edit (the control's effectiveness) changes what the ranking computes on.
  const e = Number(control.effectiveness);
  await gql(EDIT, { id: control.id, set: { effectiveness: e > 0.5 ? e - 0.01 : e + 0.01 } });
  const afterStructural = [await posture(), await links()];
  await gql(EDIT, { id: control.id, set: { effectiveness: e, name: control.name } });
  report('posture, first call before the edits', [before[0]]);
  report('posture, first call after a rename', [afterPosture]);
  report('weakestLinks, first call before the edits', [before[1]]);
  report('weakestLinks, first call after a rename', [afterLinks]);
  report('posture, first call after an effectiveness edit', [afterStructural[0]]);
  report('weakestLinks, first call after an effectiveness edit', [afterStructural[1]]);
}
