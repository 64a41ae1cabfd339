import { useRef, useState } from 'preact/hooks';
import { ApiError, signIn, signUp } from '../api';
import { ErrorAlert } from '../components/Alert';
import { Field, describedBy } from '../components/Field';
import { useTitle } from '../components/useTitle';
import { Link } from '../router';

export function SignIn() {
  useTitle('Sign in');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.current!.value, password.current!.value);
    } catch (e) {
      setError(e);
      password.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="auth card" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <form onSubmit={submit} noValidate={false}>
        <Field id="signin-email" label="Email">
          <input id="signin-email" ref={email} type="email" name="email" autoComplete="username" required />
        </Field>
        <Field id="signin-password" label="Password">
          <input id="signin-password" ref={password} type="password" name="password" autoComplete="current-password"
            required />
        </Field>
        <ErrorAlert error={error} />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <p>New here? <Link href="/signup">Create an account</Link></p>
    </section>
  );
}

export function SignUp() {
  useTitle('Create an account');
  const [error, setError] = useState<ApiError | unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signUp(form.name, form.email, form.password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const set = (key: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [key]: (event.target as HTMLInputElement).value });

  return (
    <section class="auth card" aria-labelledby="signup-title">
      <h1 id="signup-title">Create an account</h1>
      <form onSubmit={submit}>
        <Field id="signup-name" label="Name" error={fieldError('name')}>
          <input id="signup-name" name="name" autoComplete="name" required maxLength={100} value={form.name}
            onInput={set('name')} aria-invalid={!!fieldError('name')}
            aria-describedby={describedBy('signup-name', fieldError('name'))} />
        </Field>
        <Field id="signup-email" label="Email" error={fieldError('email')}>
          <input id="signup-email" type="email" name="email" autoComplete="email" required value={form.email}
            onInput={set('email')} aria-invalid={!!fieldError('email')}
            aria-describedby={describedBy('signup-email', fieldError('email'))} />
        </Field>
        <Field id="signup-password" label="Password" error={fieldError('password')}
          hint="At least 12 characters; a few unrelated words make a good one.">
          <input id="signup-password" type="password" name="password" autoComplete="new-password" required
            minLength={12} value={form.password} onInput={set('password')} aria-invalid={!!fieldError('password')}
            aria-describedby={describedBy('signup-password', fieldError('password'), 'hint')} />
        </Field>
        <ErrorAlert error={error} />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</button>
      </form>
      <p>Have an account? <Link href="/signin">Sign in</Link></p>
    </section>
  );
}
