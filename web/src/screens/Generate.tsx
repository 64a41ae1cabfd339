import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorAlert } from '../components/Alert';
import { Field, describedBy } from '../components/Field';
import { useTitle } from '../components/useTitle';
import { api, EMOTIONS, SIZES, STYLES, type GenerationDraft, type Job, type ServiceStatus, type Validation } from '../model';
import { Link, navigate } from '../router';
import { credits, reloadCredits } from '../state';
import { StatusBadge } from './Job';

const EMPTY: GenerationDraft = {
  prompt: '', style: 'realistic', count: 1, size: '1024x1024', name: '', emotion: '', provider: '',
};

function cleaned(draft: GenerationDraft): GenerationDraft {
  return {
    ...draft,
    name: draft.name?.trim() || undefined,
    emotion: draft.emotion || undefined,
    provider: draft.provider || undefined,
  };
}

export function Generate() {
  useTitle('Generate');
  const [draft, setDraft] = useState<GenerationDraft>(EMPTY);
  const [check, setCheck] = useState<Validation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(crypto.randomUUID());
  const remaining = credits.use();
  const [status, setStatus] = useState<ServiceStatus | null>(null);

  useEffect(() => {
    void reloadCredits();
    api.status().then(setStatus, () => {});
  }, []);

  // Ask the service what a submit would say (cost, detected emotion, problems) as the user types.
  useEffect(() => {
    if (!draft.prompt.trim()) {
      setCheck(null);
      return;
    }
    // A newer draft makes older answers stale; they are ignored rather than aborted (an aborted request costs
    // the connection it was on).
    let stale = false;
    const timer = setTimeout(() => {
      api.validate(cleaned(draft)).then((report) => stale || setCheck(report), () => {});
    }, 300);
    return () => {
      clearTimeout(timer);
      stale = true;
    };
  }, [draft]);

  const set = (key: keyof GenerationDraft) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    idempotencyKey.current = crypto.randomUUID();
    setDraft({ ...draft, [key]: key === 'count' ? Number(target.value) : target.value });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const accepted = await api.submit(cleaned(draft), idempotencyKey.current);
      idempotencyKey.current = crypto.randomUUID();
      await reloadCredits();
      navigate(`/jobs/${accepted!.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) =>
    (error instanceof ApiError ? error.fieldError(field) : undefined)
    ?? check?.problems.find((p) => p.field === field)?.message;
  const cost = check?.estimatedCost;
  const short = remaining && cost !== null && cost !== undefined && cost > remaining.remaining;

  return (
    <div class="generate">
      <section class="card" aria-labelledby="generate-title">
        <h1 id="generate-title">Generate images</h1>
        <form onSubmit={submit}>
          <Field id="prompt" label="Prompt" error={fieldError('prompt')}
            hint={check?.blockedReason ? `This prompt would be refused (${check.blockedReason}).` : undefined}>
            <textarea id="prompt" name="prompt" rows={3} maxLength={1000} required value={draft.prompt}
              onInput={set('prompt')} aria-invalid={!!fieldError('prompt')}
              aria-describedby={describedBy('prompt', fieldError('prompt'), check?.blockedReason ?? undefined)}
              placeholder="a lighthouse on a cliff at dusk" />
          </Field>
          <div class="row">
            <Field id="style" label="Style" error={fieldError('style')}>
              <select id="style" name="style" value={draft.style} onChange={set('style')}>
                {STYLES.map((s) => <option value={s}>{s}</option>)}
              </select>
            </Field>
            <Field id="count" label="Images" error={fieldError('count')}>
              <select id="count" name="count" value={String(draft.count)} onChange={set('count')}>
                {[1, 2, 3, 4].map((n) => <option value={String(n)}>{n}</option>)}
              </select>
            </Field>
            <Field id="size" label="Size" error={fieldError('size')}>
              <select id="size" name="size" value={draft.size} onChange={set('size')}>
                {SIZES.map((s) => <option value={s}>{s.replace('x', ' × ')}</option>)}
              </select>
            </Field>
          </div>
          <div class="row">
            <Field id="name" label="Name (optional)" error={fieldError('name')}
              hint={check?.suggestedName ? `Suggested: ${check.suggestedName}` : undefined}>
              <input id="name" name="name" maxLength={200} value={draft.name} onInput={set('name')}
                aria-describedby={describedBy('name', fieldError('name'), check?.suggestedName ?? undefined)} />
            </Field>
            <Field id="emotion" label="Emotion" error={fieldError('emotion')}>
              <select id="emotion" name="emotion" value={draft.emotion} onChange={set('emotion')}>
                <option value="">
                  {check?.detectedEmotion ? `Detect from the prompt (${check.detectedEmotion})` : 'Detect from the prompt'}
                </option>
                {EMOTIONS.map((e) => <option value={e}>{e}</option>)}
              </select>
            </Field>
            <Field id="provider" label="Provider">
              <select id="provider" name="provider" value={draft.provider} onChange={set('provider')}>
                <option value="">default</option>
                {Object.entries(status?.providers ?? {}).map(([name, state]) => (
                  <option value={name}>{state === 'up' ? name : `${name} (${state})`}</option>
                ))}
              </select>
            </Field>
          </div>
          {status && (
            <p class="muted">
              {status.queueDepth} job{status.queueDepth === 1 ? '' : 's'} waiting, {status.running} running
              {status.estimatedWaitSeconds ? `; about ${status.estimatedWaitSeconds} s before a new job starts` : ''}.
            </p>
          )}
          <p class="cost" aria-live="polite">
            {cost !== null && cost !== undefined ? <>Cost: <strong>{cost}</strong> credit{cost === 1 ? '' : 's'}. </> : null}
            {remaining ? <>You have <strong data-testid="remaining">{remaining.remaining}</strong> of {remaining.total} credits left.</> : null}
            {short ? <span class="error"> Not enough credits.</span> : null}
          </p>
          <ErrorAlert error={error} />
          <button type="submit" class="primary" disabled={busy || !draft.prompt.trim()}>
            {busy ? 'Submitting…' : 'Generate'}
          </button>
        </form>
      </section>
      <RecentJobs />
    </div>
  );
}

function RecentJobs() {
  const [jobs, setJobs] = useState<Job[] | null>(null);
  useEffect(() => {
    api.jobs().then((page) => setJobs(page.items), () => setJobs([]));
  }, []);
  if (!jobs || jobs.length === 0) {
    return null;
  }
  return (
    <section class="card" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent jobs</h2>
      <ul class="jobs">
        {jobs.map((job) => (
          <li key={job.id}>
            <Link href={`/jobs/${job.id}`}>{job.name || job.prompt}</Link> <StatusBadge status={job.status} />
            <span class="muted"> {new Date(job.createdAt).toLocaleString()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
