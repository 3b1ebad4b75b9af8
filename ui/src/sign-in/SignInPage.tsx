import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeFailure, signIn } from '../api/client';
import { isLocalPath, navigate } from '../app/router';

/** Where to go after signing in: the page that sent the person here, if it is one of ours. */
function nextPath(search: URLSearchParams): string {
  const next = search.get('next');
  return next && isLocalPath(next) ? next : '/';
}

/**
 * `/sign-in`: name and password, posted to the server's form login. The server keeps the session
 * in a cookie; afterwards the page that asked for it opens again.
 */
export function SignInPage({ search, onSignedIn }: { search: URLSearchParams; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Reelsmith';
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      onSignedIn();
      navigate(nextPath(search), { replace: true });
    } catch (failure) {
      setError(describeFailure(failure));
      setPassword('');
      setSending(false);
      passwordInput.current?.focus();
    }
  }

  return (
    <section className="page sign-in" aria-labelledby="sign-in-heading">
      <form className="panel sign-in__form" onSubmit={(event) => void submit(event)} noValidate>
        <h1 id="sign-in-heading" tabIndex={-1}>
          Sign in
        </h1>
        <p className="muted">Your ads are yours: sign in to make and see them.</p>
        {error && (
          <div className="form-alert" role="alert">
            <p>{error}</p>
          </div>
        )}
        <div className="field">
          <label className="field__label" htmlFor="sign-in-name">
            Name
          </label>
          <input
            id="sign-in-name"
            type="text"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="sign-in-password">
            Password
          </label>
          <input
            id="sign-in-password"
            ref={passwordInput}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button button--primary button--large"
          disabled={sending || username.trim() === '' || password === ''}
        >
          {sending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
