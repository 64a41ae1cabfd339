import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorAlert } from '../components/Alert';
import { announce } from '../components/announcer';
import { Thumb } from '../components/Thumb';
import { useTitle } from '../components/useTitle';
import { followJob } from '../jobStream';
import { api, FINISHED, type ImageDetail, type Job, type JobStatus } from '../model';
import { Link } from '../router';
import { reloadCredits } from '../state';

export function StatusBadge({ status }: { status: JobStatus }) {
  return <span class={`badge status-${status}`}>{status}</span>;
}

export function JobPage({ id }: { id: string }) {
  useTitle('Job');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [canceling, setCanceling] = useState(false);

  useEffect(() => {
    let stop = () => {};
    let live = true;
    api.job(id).then((loaded) => {
      if (!live) {
        return;
      }
      setJob(loaded);
      if (!FINISHED.includes(loaded.status)) {
        stop = followJob(id, (event) => {
          setJob((current) => current && {
            ...current,
            status: event.status,
            progress: event.progress,
            imageIds: event.imageIds ?? current.imageIds,
            error: event.errorCode ? { code: event.errorCode, message: event.errorMessage ?? '' } : current.error,
          });
          if (FINISHED.includes(event.status)) {
            announce(`Job ${event.status}`);
            void reloadCredits();
          }
        }, setError);
      }
    }, setError);
    return () => {
      live = false;
      stop();
    };
  }, [id]);

  const cancel = async () => {
    setCanceling(true);
    try {
      const canceled = await api.cancel(id);
      if (canceled) {
        setJob(canceled);
      }
      void reloadCredits();
    } catch (e) {
      setError(e);
    } finally {
      setCanceling(false);
    }
  };

  if (!job) {
    return error ? <ErrorAlert error={error} /> : <p aria-busy="true">Loading…</p>;
  }
  const finished = FINISHED.includes(job.status);
  return (
    <section class="card job" aria-labelledby="job-title">
      <h1 id="job-title">{job.name || job.prompt}</h1>
      <p>
        <StatusBadge status={job.status} /> <span class="muted">{job.style} · {job.count} × {job.size} ·
          cost {job.cost} credit{job.cost === 1 ? '' : 's'}</span>
      </p>
      {!finished && (
        <>
          <label for="job-progress">Progress</label>
          <progress id="job-progress" max={100} value={job.status === 'queued' ? undefined : job.progress}>
            {job.progress} %
          </progress>
          <button type="button" onClick={cancel} disabled={canceling}>{canceling ? 'Canceling…' : 'Cancel'}</button>
        </>
      )}
      {job.status === 'failed' && job.error && <p class="alert" role="alert">Failed: {job.error.message}</p>}
      {job.status === 'canceled' && <p>Canceled. The credits it held are back.</p>}
      {job.status === 'succeeded' && (
        <ul class="grid" aria-label="Images of this job">
          {(job.imageIds ?? []).map((imageId) => <JobImage key={imageId} id={imageId} />)}
        </ul>
      )}
      <ErrorAlert error={error} />
      <p class="muted">Prompt: {job.prompt}</p>
      <p><Link href="/generate">New generation</Link> · <Link href="/">Gallery</Link></p>
    </section>
  );
}

/** An image of a finished job: the gallery stores it moments after the job ends, so a 404 is retried briefly. */
function JobImage({ id }: { id: string }) {
  const [image, setImage] = useState<ImageDetail | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let live = true;
    const load = async (attempt: number) => {
      try {
        const found = await api.image(id);
        if (live) {
          setImage(found);
        }
      } catch (e) {
        if (live && e instanceof ApiError && e.status === 404 && attempt < 10) {
          setTimeout(() => load(attempt + 1), 300 * (attempt + 1));
        } else if (live) {
          setMissing(true);
        }
      }
    };
    void load(0);
    return () => {
      live = false;
    };
  }, [id]);
  if (missing) {
    return <li class="tile"><p>Image not in the gallery.</p></li>;
  }
  if (!image) {
    return <li class="tile"><div class="thumb-loading" role="img" aria-label="Image (loading)" /></li>;
  }
  return (
    <li class="tile">
      <Link href={`/images/${image.id}`}>
        <Thumb path={image.thumbUrl} alt={image.name} width={image.width} height={image.height} />
        <span class="tile-name">{image.name}</span>
      </Link>
    </li>
  );
}
