import { useEffect, useState } from 'preact/hooks';
import { ApiError, forgetSession, type User } from '../api';
import { ErrorAlert } from '../components/Alert';
import { announce } from '../components/announcer';
import { Field, describedBy } from '../components/Field';
import { useTitle } from '../components/useTitle';
import { api, formatBytes, formatDate, type GalleryStats, type UsageItem, type UserStats } from '../model';
import { navigate } from '../router';
import { credits, reloadCredits, session } from '../state';

export function Profile() {
  useTitle('Profile');
  return (
    <div class="profile">
      <h1>Profile</h1>
      <NameForm />
      <PasswordForm />
      <Stats />
      <CreditsAndUsage />
      <DeleteAccount />
    </div>
  );
}

function NameForm() {
  const user = session.use();
  const [name, setName] = useState(user?.name ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const updated = await api.updateMe({ name });
      session.set(updated as User);
      announce('Name saved');
    } catch (e) {
      setError(e);
    }
  };
  const fieldError = error instanceof ApiError ? error.fieldError('name') : undefined;
  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <p>Email: {user?.email} · Tier: {user?.tier} · Member since {formatDate(user?.createdAt)}</p>
      <form onSubmit={submit} class="row">
        <Field id="profile-name" label="Name" error={fieldError}>
          <input id="profile-name" value={name} maxLength={100} required onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={!!fieldError} aria-describedby={describedBy('profile-name', fieldError)} />
        </Field>
        <button type="submit">Save name</button>
      </form>
      <ErrorAlert error={error instanceof ApiError && fieldError ? null : error} />
    </section>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.updateMe({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      announce('Password changed');
    } catch (e) {
      setError(e);
    }
  };
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form onSubmit={submit}>
        <Field id="current-password" label="Current password" error={fieldError('currentPassword')}>
          <input id="current-password" type="password" autoComplete="current-password" required value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
            aria-describedby={describedBy('current-password', fieldError('currentPassword'))} />
        </Field>
        <Field id="new-password" label="New password" error={fieldError('newPassword')} hint="At least 12 characters.">
          <input id="new-password" type="password" autoComplete="new-password" required minLength={12} value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
            aria-describedby={describedBy('new-password', fieldError('newPassword'), 'hint')} />
        </Field>
        <ErrorAlert error={error} />
        <button type="submit">Change password</button>
      </form>
    </section>
  );
}

function Stats() {
  const [stats, setStats] = useState<UserStats | null>(null);
  const [gallery, setGallery] = useState<GalleryStats | null>(null);
  useEffect(() => {
    api.userStats().then(setStats, () => {});
    api.galleryStats().then(setGallery, () => {});
  }, []);
  return (
    <section class="card" aria-labelledby="stats-title">
      <h2 id="stats-title">Statistics</h2>
      <dl class="metadata">
        <div><dt>Images in the gallery</dt><dd data-testid="stat-images">{gallery?.images ?? '–'}</dd></div>
        <div><dt>Favourites</dt><dd>{gallery?.favorites ?? '–'}</dd></div>
        <div><dt>Storage</dt><dd>{formatBytes(gallery?.storageBytes)}</dd></div>
        <div><dt>Generations</dt><dd>{stats?.generations ?? '–'}</dd></div>
        <div><dt>By style</dt><dd>{gallery ? Object.entries(gallery.byStyle).map(([k, v]) => `${k} ${v}`).join(', ') || '–' : '–'}</dd></div>
      </dl>
    </section>
  );
}

function CreditsAndUsage() {
  const current = credits.use();
  const [usage, setUsage] = useState<UsageItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = async (from: string | null) => {
    const page = await api.usage(from);
    setUsage((items) => (from ? [...items, ...page.items] : page.items));
    setCursor(page.nextCursor);
  };
  useEffect(() => {
    void reloadCredits();
    void load(null).catch(() => {});
  }, []);
  return (
    <section class="card" aria-labelledby="credits-title">
      <h2 id="credits-title">Credits</h2>
      {current && (
        <p>
          {current.tier} tier: <strong>{current.remaining}</strong> of {current.total} left this period
          ({current.used} used, {current.held} held by running jobs); renews {formatDate(current.periodEnd)}.
        </p>
      )}
      <table class="usage">
        <caption>Usage log</caption>
        <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Credits</th><th scope="col">Balance</th></tr></thead>
        <tbody>
          {usage.map((row) => (
            <tr key={row.id}>
              <td>{formatDate(row.at)}</td>
              <td>{row.kind}{row.reason ? ` (${row.reason})` : ''}</td>
              <td>{row.amount}</td>
              <td>{row.balance}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {usage.length === 0 && <p class="muted">Nothing yet.</p>}
      {cursor && <button type="button" onClick={() => load(cursor)}>Load more</button>}
    </section>
  );
}

function DeleteAccount() {
  const [password, setPassword] = useState('');
  const [confirmText, setConfirmText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.deleteMe(password);
      forgetSession();
      session.set(null);
      navigate('/signin?deleted=1', { replace: true });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p>Deletes your account, every image and every file. This cannot be undone.</p>
      <form onSubmit={submit}>
        <Field id="delete-password" label="Your password">
          <input id="delete-password" type="password" autoComplete="current-password" required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <Field id="delete-confirm" label='Type "delete" to confirm'>
          <input id="delete-confirm" required value={confirmText} onInput={(e) => setConfirmText(e.currentTarget.value)} />
        </Field>
        <ErrorAlert error={error} />
        <button type="submit" class="danger" disabled={confirmText.trim().toLowerCase() !== 'delete'}>
          Delete my account
        </button>
      </form>
    </section>
  );
}
