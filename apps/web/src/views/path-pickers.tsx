import { useState } from 'react';
import { ThreatTargetsDocument, ThreatsDocument } from '../api/generated';
import { CappedPicker } from '../components/capped-picker';
import { useScope } from '../components/scope';
import { useQuery } from '../components/use-query';

/** Threats per page of the picker; more are counted and found by searching. */
export const THREATS_SHOWN = 100;
/** Target assets per page of the picker: the nearest the threat reaches come first. */
export const TARGETS_SHOWN = 200;

/** The organisation's threats (only its own: catalogue entries and other organisations' are not offered). */
export function ThreatPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { org } = useScope();
  const [search, setSearch] = useState('');
  const q = useQuery(ThreatsDocument, { org: org.id, search: search || undefined, first: THREATS_SHOWN });
  const options = q.data?.threats.edges.map(({ node }) => ({ id: node.id, label: node.name })) ?? [];
  return (
    <CappedPicker
      label="Threat"
      noun="threats"
      value={value}
      onChange={onChange}
      options={options}
      total={q.data?.threats.totalCount}
      onSearch={setSearch}
      error={q.error}
      testId="threat-picker"
    />
  );
}

const hops = (n: number | null) => (n === 1 ? '1 hop' : `${n ?? '?'} hops`);

/**
 * The organisation's assets as targets of the chosen threat: those it reaches first (fewest
 * hops from its entry points, then most critical), then the others, each group named.
 */
export function TargetPicker({
  threatId,
  value,
  onChange,
}: {
  threatId: string;
  value: string;
  onChange: (id: string) => void;
}) {
  const { org } = useScope();
  const [search, setSearch] = useState('');
  const q = useQuery(
    ThreatTargetsDocument,
    { threatId, org: org.id, search: search || undefined, first: TARGETS_SHOWN },
    !threatId,
  );
  const t = threatId ? q.data?.threatTargets : undefined;
  const reached = `Reached by this threat (${t?.reachableCount ?? 0})`;
  const others = `Not reached within 8 hops (${(t?.totalCount ?? 0) - (t?.reachableCount ?? 0)})`;
  const options = (t?.targets ?? []).map(({ asset, reachable, hops: n }) => ({
    id: asset.id,
    label: `${asset.name} (C${asset.criticality ?? '?'}${reachable ? `, ${hops(n)}` : ''})`,
    group: reachable ? reached : others,
  }));
  return (
    <CappedPicker
      label="Target asset"
      noun="assets"
      value={value}
      onChange={onChange}
      options={options}
      total={t?.totalCount}
      onSearch={setSearch}
      disabled={!threatId}
      placeholder={threatId ? 'choose…' : 'choose a threat first'}
      error={threatId ? q.error : undefined}
      testId="target-picker"
    />
  );
}
