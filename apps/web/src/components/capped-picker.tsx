import { useEffect, useRef, useState } from 'react';
import { capNote, grouped } from './capped';

export interface PickerOption {
  id: string;
  label: string;
  /** Options of one group show under its name (an optgroup). */
  group?: string;
}

export interface CappedPickerProps {
  label: string;
  /** What the list holds, plural ("threats"): in "showing 100 of 340 threats". */
  noun: string;
  value: string;
  onChange: (id: string) => void;
  /** One page of the matching options, as the server answered. */
  options: readonly PickerOption[];
  /** How many match in all (the connection's totalCount); undefined while loading. */
  total?: number;
  /** The search the parent should ask the server for (trimmed, after a pause in typing). */
  onSearch: (text: string) => void;
  disabled?: boolean;
  placeholder?: string;
  error?: string;
  testId?: string;
}

/**
 * A select over one page of a server-side list that never cuts silently: when the page holds
 * fewer than match, it says "showing N of M" and offers a search box that asks the server again.
 * The chosen value stays offered (by the name it was seen with) when a search leaves it out.
 */
export function CappedPicker(props: CappedPickerProps) {
  const { label, noun, value, onChange, options, total, onSearch } = props;
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  const search = useRef(onSearch);
  search.current = onSearch;
  useEffect(() => {
    const t = setTimeout(() => {
      setAsked(text.trim());
      search.current(text.trim());
    }, 250);
    return () => clearTimeout(t);
  }, [text]);

  // Names of options seen, so the chosen one keeps its name when a search leaves it out.
  const seen = useRef(new Map<string, string>());
  for (const o of options) seen.current.set(o.id, o.label);
  const missing = value && !options.some((o) => o.id === value);

  const note = total === undefined ? '' : capNote(options.length, total, noun, asked);
  const searchable = (total !== undefined && options.length < total) || text !== '';
  const lower = label.toLowerCase();
  return (
    <div className="picker" data-testid={props.testId}>
      <label>
        {label}
        <select
          aria-label={label}
          value={value}
          disabled={props.disabled}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{props.placeholder ?? 'choose…'}</option>
          {missing && <option value={value}>{seen.current.get(value) ?? value}</option>}
          {grouped(options).map((g) =>
            g.group ? (
              <optgroup key={g.group} label={g.group}>
                {g.options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : (
              g.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))
            ),
          )}
        </select>
      </label>
      {searchable && (
        <label>
          Search {lower}
          <input
            type="search"
            aria-label={`Search ${lower}`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="name or id"
          />
        </label>
      )}
      {note && (
        <span className="hint cap-note" role="status" data-testid={props.testId && `${props.testId}-note`}>
          {note}
        </span>
      )}
      {props.error && <span className="error">{props.error}</span>}
    </div>
  );
}
