import type { OrgChoice } from '../org-scope';

/** The header's organisation picker: every organisation the account may see, in id order. */
export function OrgPicker({
  orgs,
  value,
  onChange,
}: {
  orgs: readonly OrgChoice[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <label className="org-picker">
      Organisation
      <select aria-label="Organisation" value={value} onChange={(e) => onChange(e.target.value)}>
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
