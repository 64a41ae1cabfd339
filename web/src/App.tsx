import { useEffect, useRef } from 'preact/hooks';
import { onSession, restoreSession, signOut } from './api';
import { announcement } from './components/announcer';
import { forgetLinks } from './content';
import { Link, match, navigate, useLocation } from './router';
import { SignIn, SignUp } from './screens/Auth';
import { Gallery } from './screens/Gallery';
import { Generate } from './screens/Generate';
import { ImagePage } from './screens/ImagePage';
import { JobPage } from './screens/Job';
import { Profile } from './screens/Profile';
import { Trash } from './screens/Trash';
import { Upload } from './screens/Upload';
import { credits, reloadCredits, session } from './state';

const PUBLIC = ['/signin', '/signup'];

onSession((user) => {
  if (!user) {
    forgetLinks();
    credits.set(null);
  }
  session.set(user);
});

export function App() {
  const user = session.use();
  const { path, params } = useLocation();
  const main = useRef<HTMLElement>(null);

  // Restore the session from the refresh cookie once, at start.
  useEffect(() => {
    restoreSession().then((restored) => session.set(restored), () => session.set(null));
  }, []);

  useEffect(() => {
    if (user) {
      void reloadCredits();
    }
  }, [user?.id]);

  // Signed-out users go to sign in (and come back after); signed-in ones skip the auth screens.
  // The one place that moves between them: after signing up the user lands on Generate, otherwise on `next`.
  useEffect(() => {
    const here = location.pathname;
    if (user === null && !PUBLIC.includes(here)) {
      const next = here + location.search;
      navigate(`/signin${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`, { replace: true });
    } else if (user && PUBLIC.includes(here)) {
      const next = new URLSearchParams(location.search).get('next');
      navigate(next ? safeNext(next) : here === '/signup' ? '/generate' : '/', { replace: true });
    }
  }, [user, path]);

  // Move focus to the new screen so keyboard and screen-reader users start at its top.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        {user === undefined ? <p aria-busy="true">Loading…</p> : <Screen path={path} params={params} signedIn={!!user} />}
      </main>
      <div class="visually-hidden" aria-live="polite" role="status">{announcement.use()}</div>
    </>
  );
}

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function Screen({ path, params, signedIn }: { path: string; params: URLSearchParams; signedIn: boolean }) {
  if (path === '/signup') {
    return <SignUp />;
  }
  if (path === '/signin' || !signedIn) {
    return (
      <>
        {params.get('deleted') && <p class="notice" role="status">Your account and all its images were deleted.</p>}
        <SignIn />
      </>
    );
  }
  let found: Record<string, string> | null;
  if (path === '/') {
    return <Gallery params={params} />;
  }
  if (path === '/generate') {
    return <Generate />;
  }
  if ((found = match('/jobs/:id', path))) {
    return <JobPage id={found.id} />;
  }
  if ((found = match('/images/:id', path))) {
    return <ImagePage id={found.id} />;
  }
  if (path === '/trash') {
    return <Trash />;
  }
  if (path === '/upload') {
    return <Upload />;
  }
  if (path === '/profile') {
    return <Profile />;
  }
  return (
    <section>
      <h1>Not found</h1>
      <p>There is nothing at this address. <Link href="/">Back to the gallery</Link></p>
    </section>
  );
}

function Header() {
  const user = session.use();
  const balance = credits.use();
  const { path } = useLocation();
  const current = (href: string) => (href === path ? 'page' : undefined);
  return (
    <header class="top">
      <Link href="/" class="brand">Atelier</Link>
      {user && (
        <nav aria-label="Main">
          <ul>
            <li><Link href="/" aria-current={current('/')}>Gallery</Link></li>
            <li><Link href="/generate" aria-current={current('/generate')}>Generate</Link></li>
            <li><Link href="/upload" aria-current={current('/upload')}>Upload</Link></li>
            <li><Link href="/trash" aria-current={current('/trash')}>Trash</Link></li>
            <li><Link href="/profile" aria-current={current('/profile')}>{user.name}</Link></li>
          </ul>
        </nav>
      )}
      {user && (
        <div class="session">
          {balance && <span class="credits" data-testid="credits">{balance.remaining} credits</span>}
          <button type="button" onClick={() => signOut().catch(() => {}).then(() => navigate('/signin'))}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}
