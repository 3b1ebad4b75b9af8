import { useEffect, useRef, useState } from 'react';
import { getSession, signOut } from '../api/client';
import type { Session } from '../api/types';
import { GenerationPage } from '../generation/GenerationPage';
import { HistoryPage } from '../history/HistoryPage';
import { NewAdPage } from '../new-ad/NewAdPage';
import { SharePage } from '../share/SharePage';
import { SignInPage } from '../sign-in/SignInPage';
import { Link } from './Link';
import { NotFound } from './NotFound';
import { isPublicRoute, matchRoute, navigate, useLocation, type Route } from './router';

function pageNumber(search: URLSearchParams): number {
  const page = Number(search.get('page') ?? '0');
  return Number.isInteger(page) && page > 0 ? page : 0;
}

function Screen({ route, search, onSignedIn }: { route: Route; search: URLSearchParams; onSignedIn: () => void }) {
  switch (route.name) {
    case 'new-ad':
      return <NewAdPage />;
    case 'history':
      return <HistoryPage page={pageNumber(search)} />;
    case 'generation':
      // Keyed, so another generation starts from a clean state and a new stream.
      return <GenerationPage key={route.id} id={route.id} />;
    case 'sign-in':
      return <SignInPage search={search} onSignedIn={onSignedIn} />;
    case 'share':
      return <SharePage key={route.token} token={route.token} />;
    case 'not-found':
      return <NotFound />;
  }
}

/** Who is signed in, and the way out. */
function Account({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const [leaving, setLeaving] = useState(false);

  async function leave() {
    setLeaving(true);
    try {
      await signOut();
    } catch {
      // Signed out or not, the way on is the sign-in page.
    }
    onSignedOut();
    navigate('/sign-in');
  }

  return (
    <div className="account">
      <span className="account__name">
        <span className="visually-hidden">Signed in as </span>
        {session.username}
      </span>
      <button type="button" className="button button--quiet" onClick={() => void leave()} disabled={leaving}>
        Sign out
      </button>
    </div>
  );
}

export function App() {
  const { pathname, search, href } = useLocation();
  const route = matchRoute(pathname);
  const publicPage = isPublicRoute(route);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const [session, setSession] = useState<Session | null>(null);
  const [signIns, setSignIns] = useState(0);

  // Who is signed in, for the header; a session that has ended sends the page to sign in again.
  useEffect(() => {
    if (publicPage) {
      return;
    }
    const controller = new AbortController();
    getSession(controller.signal).then(setSession, () => setSession(null));
    return () => controller.abort();
  }, [publicPage, signIns]);

  // After an in-app navigation, move focus to the new page's heading, as a page load would.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo?.(0, 0);
    main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [href]);

  const section = route.name === 'generation' ? 'history' : route.name;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link className="brand" href="/">
            <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="8" />
              <path d="M12 9l11 7-11 7z" />
            </svg>
            <span>Reelsmith</span>
          </Link>
          {!publicPage && (
            <nav aria-label="Main">
              <ul className="site-nav">
                <li>
                  <Link
                    href="/"
                    className={section === 'new-ad' ? 'active' : undefined}
                    aria-current={route.name === 'new-ad' ? 'page' : undefined}
                  >
                    New ad
                  </Link>
                </li>
                <li>
                  <Link
                    href="/generations"
                    className={section === 'history' ? 'active' : undefined}
                    aria-current={route.name === 'history' ? 'page' : undefined}
                  >
                    History
                  </Link>
                </li>
              </ul>
            </nav>
          )}
          {!publicPage && session && <Account session={session} onSignedOut={() => setSession(null)} />}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Screen route={route} search={search} onSignedIn={() => setSignIns((count) => count + 1)} />
      </main>
    </>
  );
}
