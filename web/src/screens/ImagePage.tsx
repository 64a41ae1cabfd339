import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorAlert } from '../components/Alert';
import { announce } from '../components/announcer';
import { Field, describedBy } from '../components/Field';
import { Thumb } from '../components/Thumb';
import { useTitle } from '../components/useTitle';
import { api, formatBytes, formatDate, type ImageDetail, type Share } from '../model';
import { Link, navigate } from '../router';
import { reloadCredits } from '../state';

export function ImagePage({ id }: { id: string }) {
  const [image, setImage] = useState<ImageDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useTitle(image?.name ?? 'Image');

  useEffect(() => {
    setImage(null);
    api.image(id).then(setImage, setError);
  }, [id]);

  if (!image) {
    return error ? <ErrorAlert error={error} /> : <p aria-busy="true">Loading…</p>;
  }
  const display = image.variants.medium ?? image.variants.original ?? image.thumbUrl;
  return (
    <article class="detail" aria-labelledby="image-title">
      <div class="detail-image">
        <Thumb path={display} alt={image.name} width={image.width} height={image.height} className="large" />
      </div>
      <div class="detail-side">
        <h1 id="image-title">{image.favorite ? '★ ' : ''}{image.name}</h1>
        <EditForm image={image} onSaved={setImage} />
        <Metadata image={image} />
        <Actions image={image} />
        <Shares image={image} />
      </div>
    </article>
  );
}

function EditForm({ image, onSaved }: { image: ImageDetail; onSaved: (image: ImageDetail) => void }) {
  const [name, setName] = useState(image.name);
  const [tags, setTags] = useState(image.tags.join(', '));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setName(image.name);
    setTags(image.tags.join(', '));
  }, [image]);

  const save = async (patch: Record<string, unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.patchImage(image.id, patch);
      onSaved(saved!);
      announce(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const tagList = tags.split(',').map((t) => t.trim()).filter(Boolean);
    void save({ name, tags: tagList }, 'Saved');
  };
  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);
  return (
    <form class="edit" onSubmit={submit}>
      <Field id="image-name" label="Name" error={fieldError('name')}>
        <input id="image-name" value={name} maxLength={200} required onInput={(e) => setName(e.currentTarget.value)}
          aria-invalid={!!fieldError('name')} aria-describedby={describedBy('image-name', fieldError('name'))} />
      </Field>
      <Field id="image-tags" label="Tags" hint="Separated by commas" error={fieldError('tags')}>
        <input id="image-tags" value={tags} onInput={(e) => setTags(e.currentTarget.value)}
          aria-describedby={describedBy('image-tags', fieldError('tags'), 'hint')} />
      </Field>
      <ErrorAlert error={error} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>Save</button>
        <button type="button" aria-pressed={image.favorite} disabled={busy}
          onClick={() => save({ favorite: !image.favorite }, image.favorite ? 'Removed from favourites' : 'Added to favourites')}>
          {image.favorite ? '★ Favourite' : '☆ Add to favourites'}
        </button>
      </div>
    </form>
  );
}

function Metadata({ image }: { image: ImageDetail }) {
  const rows: [string, string][] = [
    ['Prompt', image.prompt ?? '–'],
    ['Style', image.style ?? '–'],
    ['Emotion', image.emotion ?? '–'],
    ['Size', image.width && image.height ? `${image.width} × ${image.height}` : '–'],
    ['Format', image.format ?? '–'],
    ['File size', formatBytes(image.bytes)],
    ['Source', image.source ?? '–'],
    ['Created', formatDate(image.createdAt)],
  ];
  Object.entries(image.metadata ?? {}).forEach(([key, value]) =>
    rows.push([key, typeof value === 'string' ? value : JSON.stringify(value)]));
  return (
    <dl class="metadata">
      {rows.map(([label, value]) => (
        <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
      ))}
    </dl>
  );
}

function Actions({ image }: { image: ImageDetail }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = () => run(async () => {
    const link = await api.download(image.id);
    window.open(link!.url, '_blank', 'noopener');
  });
  const regenerate = () => run(async () => {
    const accepted = await api.regenerate(image.id);
    await reloadCredits();
    navigate(`/jobs/${accepted!.id}`);
  });
  const trash = () => run(async () => {
    await api.trashImage(image.id);
    announce(`${image.name} moved to the trash`);
    navigate('/trash');
  });
  return (
    <div class="actions">
      <div class="buttons">
        <button type="button" onClick={download} disabled={busy}>Download</button>
        {image.source === 'generated' && (
          <button type="button" onClick={regenerate} disabled={busy}>Regenerate</button>
        )}
        <button type="button" class="danger" onClick={trash} disabled={busy}>Move to trash</button>
      </div>
      {image.jobId && <p class="muted">Made by <Link href={`/jobs/${image.jobId}`}>this job</Link>.</p>}
      <ErrorAlert error={error} />
    </div>
  );
}

const SHARE_LIFETIMES: [string, string][] = [['PT1H', '1 hour'], ['P1D', '1 day'], ['P7D', '7 days'], ['P30D', '30 days']];

function Shares({ image }: { image: ImageDetail }) {
  const [shares, setShares] = useState<Share[]>([]);
  const [lifetime, setLifetime] = useState('P7D');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => api.shares(image.id).then((list) => setShares(list.items), setError);
  useEffect(() => {
    void reload();
  }, [image.id]);

  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const share = await api.share(image.id, lifetime);
      setCreated(new URL(share!.url, location.origin).toString());
      announce('Share link created');
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  const revoke = async (shareId: string) => {
    try {
      await api.revokeShare(image.id, shareId);
      announce('Share link revoked');
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="shares" aria-labelledby="shares-title">
      <h2 id="shares-title">Share</h2>
      <form onSubmit={create} class="row">
        <div class="field">
          <label for="share-lifetime">Link expires after</label>
          <select id="share-lifetime" value={lifetime} onChange={(e) => setLifetime(e.currentTarget.value)}>
            {SHARE_LIFETIMES.map(([value, label]) => <option value={value}>{label}</option>)}
          </select>
        </div>
        <button type="submit">Create share link</button>
      </form>
      {created && (
        <div class="field">
          <label for="share-url">Anyone with this link can see the image (shown once)</label>
          <div class="inline">
            <input id="share-url" readOnly value={created} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => navigator.clipboard?.writeText(created).then(() => announce('Copied'))}>
              Copy
            </button>
          </div>
        </div>
      )}
      <ErrorAlert error={error} />
      {shares.length > 0 && (
        <ul class="share-list" aria-label="Working share links">
          {shares.map((share) => (
            <li key={share.id}>
              Created {formatDate(share.createdAt)}, expires {formatDate(share.expiresAt)}{' '}
              <button type="button" onClick={() => revoke(share.id)}>Revoke</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
