import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert } from '../components/Alert';
import { announce } from '../components/announcer';
import { useTitle } from '../components/useTitle';
import { api, formatDate, type TrashItem } from '../model';
import { navigate } from '../router';

/** Trashed images (not served any more, so no thumbnails): restore them or delete them for good. */
export function Trash() {
  useTitle('Trash');
  const [items, setItems] = useState<TrashItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = async (from: string | null) => {
    try {
      const page = await api.trash(from);
      setItems((current) => (from ? [...(current ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    void load(null);
  }, []);

  const restore = async (item: TrashItem) => {
    try {
      await api.restore(item.id);
      announce(`${item.name} restored`);
      navigate(`/images/${item.id}`);
    } catch (e) {
      setError(e);
    }
  };
  const purge = async (item: TrashItem) => {
    if (!confirm(`Delete “${item.name}” for good? This cannot be undone.`)) {
      return;
    }
    try {
      await api.purgeImage(item.id);
      setItems((current) => (current ?? []).filter((i) => i.id !== item.id));
      announce(`${item.name} deleted for good`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="trash-title">
      <h1 id="trash-title">Trash</h1>
      <p class="muted">Images stay here until their purge date, then they are deleted with their files.</p>
      <ErrorAlert error={error} />
      {items && items.length === 0 && <p class="empty">The trash is empty.</p>}
      {items && items.length > 0 && (
        <ul class="trash-list" aria-label="Trashed images">
          {items.map((item) => (
            <li key={item.id} class="card">
              <strong>{item.name}</strong>
              <span class="muted"> deleted {formatDate(item.deletedAt)}, purged {formatDate(item.purgeAt)}</span>
              <div class="buttons">
                <button type="button" onClick={() => restore(item)} aria-label={`Restore ${item.name}`}>Restore</button>
                <button type="button" class="danger" onClick={() => purge(item)}
                  aria-label={`Delete ${item.name} for good`}>Delete for good</button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {cursor && <button type="button" onClick={() => load(cursor)}>Load more</button>}
    </section>
  );
}
