import { useEffect, useRef } from 'react';
import { GenerationPage } from '../generation/GenerationPage';
import { HistoryPage } from '../history/HistoryPage';
import { NewAdPage } from '../new-ad/NewAdPage';
import { Link } from './Link';
import { NotFound } from './NotFound';
import { matchRoute, useLocation, type Route } from './router';

function pageNumber(search: URLSearchParams): number {
  const page = Number(search.get('page') ?? '0');
  return Number.isInteger(page) && page > 0 ? page : 0;
}

function Screen({ route, search }: { route: Route; search: URLSearchParams }) {
  switch (route.name) {
    case 'new-ad':
      return <NewAdPage />;
    case 'history':
      return <HistoryPage page={pageNumber(search)} />;
    case 'generation':
      // Keyed, so another generation starts from a clean state and a new stream.
      return <GenerationPage key={route.id} id={route.id} />;
    case 'not-found':
      return <NotFound />;
  }
}

export function App() {
  const { pathname, search, href } = useLocation();
  const route = matchRoute(pathname);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

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
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Screen route={route} search={search} />
      </main>
    </>
  );
}
