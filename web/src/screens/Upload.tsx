import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorAlert } from '../components/Alert';
import { Field, describedBy } from '../components/Field';
import { useTitle } from '../components/useTitle';
import { api, STYLES } from '../model';
import { navigate } from '../router';

const MAX_BYTES = 10 * 1024 * 1024;

export function Upload() {
  useTitle('Upload');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [tooBig, setTooBig] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    if (!form.get('style')) {
      form.delete('style');
    }
    if (!String(form.get('name') ?? '').trim()) {
      form.delete('name');
    }
    setBusy(true);
    setError(null);
    try {
      const image = await api.upload(form);
      navigate(`/images/${image!.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fileError = tooBig ? 'The file is larger than 10 MB.'
    : error instanceof ApiError ? error.fieldError('file') : undefined;
  return (
    <section class="card" aria-labelledby="upload-title">
      <h1 id="upload-title">Upload an image</h1>
      <form onSubmit={submit}>
        <Field id="upload-file" label="Image (PNG, JPEG or WebP, up to 10 MB)" error={fileError}
          hint="Metadata such as location and camera is removed.">
          <input id="upload-file" name="file" type="file" accept="image/png,image/jpeg,image/webp" required
            onChange={(e) => setTooBig((e.currentTarget.files?.[0]?.size ?? 0) > MAX_BYTES)}
            aria-invalid={!!fileError} aria-describedby={describedBy('upload-file', fileError, 'hint')} />
        </Field>
        <Field id="upload-name" label="Name (optional)">
          <input id="upload-name" name="name" maxLength={200} />
        </Field>
        <Field id="upload-style" label="Style (optional)">
          <select id="upload-style" name="style">
            <option value="">none</option>
            {STYLES.map((s) => <option value={s}>{s}</option>)}
          </select>
        </Field>
        <ErrorAlert error={error} />
        <button type="submit" class="primary" disabled={busy || tooBig}>{busy ? 'Uploading…' : 'Upload'}</button>
      </form>
    </section>
  );
}
