import { useEffect, useState } from 'react';
import { request } from '../api/client';
import type { TypedDocumentString } from '../api/generated';

export interface QueryState<R> {
  data?: R;
  error?: string;
  loading: boolean;
}

/** Runs a typed query when its variables change (skip: not yet); the last answer wins. */
export function useQuery<R, V>(doc: TypedDocumentString<R, V>, variables: V, skip = false): QueryState<R> {
  const [state, setState] = useState<QueryState<R>>({ loading: !skip });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    request(doc, JSON.parse(key) as V)
      .then((data) => live && setState({ data, loading: false }))
      .catch((e: Error) => live && setState({ error: e.message, loading: false }));
    return () => {
      live = false;
    };
  }, [doc, key, skip]);
  return state;
}
