import { type FormEvent, useEffect, useRef, useState } from 'react';
import { oidcHandoff, session } from '../api/session';

/**
 * The page shown whenever no one is signed in. `message` says why, when the session ended
 * (refused refresh, or the API refusing a fresh token). The hash is left alone: once signed in,
 * the app shows the view the address asked for. When the API has OpenID Connect on, it offers
 * signing in through the organisation's identity provider too.
 */
export function SignInView({ message }: { message?: string }) {
  const form = useSignInForm();
  const { oidcError, oidcEnabled } = useOidcSignIn();
  const shown = form.tried ? form.error : (oidcError ?? message);
  return (
    <section className="panel sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in to Rampart</h2>
      {shown && (
        <p key={form.attempt} role="alert" className="error">
          {shown}
        </p>
      )}
      <form onSubmit={form.submit}>
        <label>
          Username
          <input
            ref={form.usernameRef}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={form.username}
            onChange={(e) => form.setUsername(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            ref={form.passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={form.password}
            onChange={(e) => form.setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={form.sending} aria-busy={form.sending}>
          Sign in
        </button>
      </form>
      {oidcEnabled && (
        <p className="sign-in-oidc">
          <a href="/api/auth/oidc/login">Sign in with your organisation (OpenID Connect)</a>
        </p>
      )}
    </section>
  );
}

/** The username and password form: its fields, the attempt under way, and the last refusal. */
function useSignInForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  // A new alert per refused attempt, so the same message is announced again; once the user has
  // tried, why the last session ended no longer matters.
  const [attempt, setAttempt] = useState(0);
  const [tried, setTried] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // Straight to the first empty field: typing can start at once.
  useEffect(() => usernameRef.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSending(true);
    setTried(true);
    setError(undefined);
    try {
      await session.signIn(username, password);
      // Signed in: the app replaces this page with the views.
    } catch (x) {
      setError((x as Error).message);
      setAttempt((n) => n + 1);
      setSending(false);
      // The password is what to retype (the API never says which of the two was wrong).
      passwordRef.current?.focus();
      passwordRef.current?.select();
    }
  }
  return {
    username,
    setUsername,
    password,
    setPassword,
    sending,
    error,
    attempt,
    tried,
    usernameRef,
    passwordRef,
    submit,
  };
}

/** Whether the API offers OpenID Connect, and why the last such sign-in was refused (if it was). */
function useOidcSignIn() {
  // Why the last OpenID Connect sign-in was refused (`#oidc-error=...`); out of the address below.
  const [oidcError] = useState(() => oidcHandoff(window.location.hash)?.error);
  const [oidcEnabled, setOidcEnabled] = useState(false);
  useEffect(() => {
    if (oidcError) history.replaceState(null, '', window.location.pathname + window.location.search);
  }, [oidcError]);
  useEffect(() => {
    let live = true;
    fetch('/api/auth/oidc')
      .then((r) => (r.ok ? (r.json() as Promise<{ enabled?: boolean }>) : undefined))
      .then((b) => live && setOidcEnabled(b?.enabled === true))
      .catch(() => undefined); // no button when the API cannot say
    return () => {
      live = false;
    };
  }, []);
  return { oidcError, oidcEnabled };
}
